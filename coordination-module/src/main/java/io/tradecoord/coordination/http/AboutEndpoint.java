package io.tradecoord.coordination.http;

import io.tradecoord.coordination.runtime.ModuleDescriber;
import io.tradecoord.coordination.runtime.ModuleDescription;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code GET .../about}: which module, version and coordination runtime answer, and the lock and bus backends in use.
 * Each module registers it with a small subclass that names it:
 *
 * <pre>{@code
 * @Path("about")
 * @RequestScoped
 * public class AboutResource extends AboutEndpoint {
 *     protected String module() { return "order"; }
 * }
 * }</pre>
 */
public abstract class AboutEndpoint {

    @Inject
    ModuleDescriber describer;

    /** The module's name as clients see it, e.g. {@code order}. */
    protected abstract String module();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Describe the module", description = "Module name, application version, lock and bus backends, coordination runtime id")
    @APIResponse(responseCode = "200", description = "The description")
    public ModuleDescription about() {
        return describer.describe(module());
    }
}
