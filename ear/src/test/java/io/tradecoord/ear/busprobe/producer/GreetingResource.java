package io.tradecoord.ear.busprobe.producer;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("greetings")
public class GreetingResource {

    @Inject
    GreetingService service;

    /**
     * 202 if the greeting was fired and committed, else 409 with the exception's class. {@code size} > 0 makes the
     * text that many characters long; {@code firing} is PLAIN, QUALIFIED or ASYNC.
     */
    @POST
    public Response send(@QueryParam("id") String id, @QueryParam("text") String text, @QueryParam("fail") boolean fail,
            @QueryParam("size") int size, @QueryParam("firing") @DefaultValue("PLAIN") GreetingService.Firing firing) {
        try {
            service.send(id, size > 0 ? "x".repeat(size) : text, fail, firing);
            return Response.accepted().build();
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return Response.status(409).entity(e.getClass().getSimpleName() + " / " + root.getClass().getSimpleName()).build();
        }
    }
}
