package io.tradecoord.ear.busprobe.producer;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

@Path("greetings")
public class GreetingResource {

    @Inject
    GreetingService service;

    @POST
    public Response send(@QueryParam("id") String id, @QueryParam("text") String text, @QueryParam("fail") boolean fail) {
        try {
            service.send(id, text, fail);
            return Response.accepted().build();
        } catch (RuntimeException e) {
            return Response.status(409).entity(e.getClass().getSimpleName()).build();
        }
    }
}
