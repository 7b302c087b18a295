package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.AboutEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /order/api/about}: the shared description of the module and its coordination runtime. */
@Path("about")
@RequestScoped
@Tag(name = "about", description = "Which module and runtime answer")
public class AboutResource extends AboutEndpoint {

    @Override
    protected String module() {
        return "order";
    }
}
