package io.tradecoord.ear.busprobe.consumer;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.DeadLetters;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ConsumerResource {

    @PersistenceContext
    EntityManager em;

    @Inject
    DeadLetters deadLetters;

    @GET
    @Path("received")
    public String received() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        em.createQuery("SELECT r FROM ReceivedGreeting r ORDER BY r.id", ReceivedGreeting.class).getResultList()
                .forEach(r -> array.add(Json.createObjectBuilder().add("id", r.getGreetingId()).add("text", r.getText())));
        return array.build().toString();
    }

    @GET
    @Path("dead-letters")
    public String deadLetters() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (DeadLetter letter : deadLetters.list(50, true)) {
            array.add(Json.createObjectBuilder().add("id", letter.id()).add("attempts", letter.attempts())
                    .add("error", letter.error()).add("topic", letter.envelope().topic()));
        }
        return array.build().toString();
    }

    /** Whether the observer refuses "poison" greetings from now on. */
    @PUT
    @Path("poison")
    public void refusePoison(@QueryParam("refuse") boolean refuse) {
        GreetingObserver.REFUSE_POISON.set(refuse);
    }

    @POST
    @Path("dead-letters/{id}/replay")
    public String replay(@PathParam("id") long id) {
        GreetingObserver.REFUSE_POISON.set(false);
        return "{\"applied\":" + deadLetters.replay(id) + "}";
    }
}
