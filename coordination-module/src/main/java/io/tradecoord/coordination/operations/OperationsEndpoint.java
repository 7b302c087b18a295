package io.tradecoord.coordination.operations;

import io.tradecoord.coordination.health.CoordinationProbe;
import io.tradecoord.coordination.health.CoordinationStatus;
import io.tradecoord.coordination.http.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * What operators read of this server's coordination runtime: {@code GET} gives its {@link CoordinationStatus} as JSON
 * (backends, locks held here, every module's outbox and dead letters), {@code GET page} the operations page, which
 * shows it and lets an operator inspect, replay and discard dead letters through each module's dead-letter API. A
 * module exposes it with an empty subclass in its JAX-RS application (JAX-RS finds resources in the module, not in
 * the EAR's {@code lib/}):
 *
 * <pre>{@code
 * @Path("operations")
 * @RequestScoped
 * public class OperationsResource extends OperationsEndpoint {
 * }
 * }</pre>
 * Every module of an EAR reports the same runtime, so any module's page shows them all.
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
public abstract class OperationsEndpoint {

    /** The page, a single file without a build step (HTML, CSS and script), shipped in the library jar. */
    static final String PAGE = "operations.html";

    @Inject
    CoordinationProbe probe;

    @GET
    public CoordinationStatus status() {
        return probe.status();
    }

    /** The page itself holds no data, so anyone may load it; it asks for an operator's token and sends it with every call. */
    @GET
    @Path("page")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    public Response page() {
        try (InputStream in = OperationsEndpoint.class.getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException(PAGE + " is missing from the coordination jar");
            }
            return Response.ok(in.readAllBytes(), MediaType.TEXT_HTML + ";charset=UTF-8")
                    .header("Cache-Control", "no-store")
                    .header("Content-Security-Policy", "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
