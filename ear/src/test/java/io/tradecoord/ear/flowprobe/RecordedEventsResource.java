package io.tradecoord.ear.flowprobe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.StringReader;

/** {@code GET /flow-recorder/api/events?key=...[&topic=...]}: the recorded events of one key, in arrival order. */
@Path("events")
@RequestScoped
public class RecordedEventsResource {

    @PersistenceContext
    EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String events(@QueryParam("key") String key, @QueryParam("topic") String topic) {
        var query = em.createQuery("select e from RecordedEvent e where e.eventKey = :key"
                        + (topic == null ? "" : " and e.topic = :topic") + " order by e.recordedAt", RecordedEvent.class)
                .setParameter("key", key);
        if (topic != null) {
            query.setParameter("topic", topic);
        }
        JsonArrayBuilder events = Json.createArrayBuilder();
        for (RecordedEvent e : query.getResultList()) {
            events.add(Json.createObjectBuilder()
                    .add("topic", e.getTopic())
                    .add("key", e.getEventKey())
                    .add("payload", Json.createReader(new StringReader(e.getPayload())).readObject()));
        }
        return events.build().toString();
    }
}
