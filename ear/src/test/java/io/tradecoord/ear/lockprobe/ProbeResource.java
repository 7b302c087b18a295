package io.tradecoord.ear.lockprobe;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("counters")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    @Inject
    CounterService counters;

    @Inject
    DistributedLocks locks;

    @POST
    @Path("{id}")
    public Response create(@PathParam("id") String id) {
        counters.create(id);
        return Response.status(201).build();
    }

    @POST
    @Path("{id}/increment")
    public String increment(@PathParam("id") String id) throws InterruptedException {
        return "{\"value\":" + counters.increment(id) + "}";
    }

    @POST
    @Path("{id}/increment-twice-nested")
    public String incrementTwiceNested(@PathParam("id") String id) throws InterruptedException {
        return "{\"value\":" + counters.incrementTwiceNested(id) + "}";
    }

    @POST
    @Path("{id}/slow-increment")
    public Response slowIncrement(@PathParam("id") String id, @QueryParam("pause") long pause) throws InterruptedException {
        try {
            return Response.ok("{\"value\":" + counters.slowIncrement(id, pause) + "}").build();
        } catch (LockLostException e) {
            return Response.status(409).type("application/problem+json").entity(Json.createObjectBuilder()
                    .add("title", "Lock lost").add("status", 409).add("detail", e.getMessage())
                    .add("reason", e.reason().name()).build().toString()).build();
        }
    }

    @POST
    @Path("{id}/fenced-set")
    public String fencedSet(@PathParam("id") String id, @QueryParam("value") long value) {
        return "{\"token\":" + counters.fencedSet(id, value) + "}";
    }

    /** See {@link CounterService#holdThenFencedSet}: 200 with the token when written, 409 when fencing refused it. */
    @POST
    @Path("{id}/held-fenced-set")
    public Response heldFencedSet(@PathParam("id") String id, @QueryParam("value") long value, @QueryParam("hold") String holdId,
            @QueryParam("holdMillis") long holdMillis) throws InterruptedException {
        try {
            return Response.ok("{\"token\":" + counters.holdThenFencedSet(id, value, holdId, holdMillis) + "}").build();
        } catch (StaleFencingTokenException e) {
            return Response.status(409).type("application/problem+json").entity(Json.createObjectBuilder()
                    .add("title", "Stale fencing token").add("status", 409).add("detail", e.getMessage()).build().toString()).build();
        }
    }

    @GET
    @Path("holds/{hold}")
    public Response hold(@PathParam("hold") String holdId) {
        Long token = counters.heldBy(holdId);
        return token == null ? Response.status(404).build() : Response.ok("{\"token\":" + token + "}").build();
    }

    @GET
    @Path("{id}")
    public String read(@PathParam("id") String id) {
        long[] state = counters.read(id);
        return "{\"value\":" + state[0] + ",\"fencingToken\":" + state[1] + ",\"backend\":\"" + locks.backend() + "\"}";
    }
}
