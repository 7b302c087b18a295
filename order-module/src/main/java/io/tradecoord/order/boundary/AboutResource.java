package io.tradecoord.order.boundary;

import io.tradecoord.coordination.runtime.ModuleDescriber;
import io.tradecoord.coordination.runtime.ModuleDescription;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /order/api/about}: which module answers, in which version, on which coordination runtime. */
@Path("about")
@RequestScoped
public class AboutResource {

    static final String MODULE = "order";

    @Inject
    ModuleDescriber describer;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ModuleDescription about() {
        return describer.describe(MODULE);
    }
}
