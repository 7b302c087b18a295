package io.tradecoord.member.boundary;

import io.tradecoord.coordination.runtime.ModuleDescriber;
import io.tradecoord.coordination.runtime.ModuleDescription;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code GET /member/api/about}: which module answers, in which version, on which coordination runtime. */
@Path("about")
@RequestScoped
@Tag(name = "about", description = "Which module and runtime answer")
public class AboutResource {

    static final String MODULE = "member";

    @Inject
    ModuleDescriber describer;

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Describe the module", description = "Module name, application version, lock and bus backends, coordination runtime id")
    @APIResponse(responseCode = "200", description = "The description")
    public ModuleDescription about() {
        return describer.describe(MODULE);
    }
}
