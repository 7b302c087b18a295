package io.tradecoord.ear.flowprobe;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.bus.IntegrationEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.reflect.RecordComponent;

/** Stores every observed event with its topic and key, in the delivery's transaction (so once per message). */
@ApplicationScoped
public class Recorder {

    private final Jsonb jsonb = JsonbBuilder.create();

    @PersistenceContext
    EntityManager em;

    void on(@Observes @Incoming Events.OrderPlaced e) { record(e); }

    void on(@Observes @Incoming Events.OrderConfirmed e) { record(e); }

    void on(@Observes @Incoming Events.OrderRejected e) { record(e); }

    void on(@Observes @Incoming Events.OrderPaid e) { record(e); }

    void on(@Observes @Incoming Events.OrderCancelled e) { record(e); }

    void on(@Observes @Incoming Events.OrderShipped e) { record(e); }

    void on(@Observes @Incoming Events.InventoryReserved e) { record(e); }

    void on(@Observes @Incoming Events.InventoryRejected e) { record(e); }

    void on(@Observes @Incoming Events.StockChanged e) { record(e); }

    void on(@Observes @Incoming Events.MemberRegistered e) { record(e); }

    void on(@Observes @Incoming Events.MemberUpdated e) { record(e); }

    void on(@Observes @Incoming Events.MemberLevelChanged e) { record(e); }

    private void record(Record event) {
        IntegrationEvent contract = event.getClass().getAnnotation(IntegrationEvent.class);
        em.persist(new RecordedEvent(contract.topic(), keyOf(event, contract.key()), jsonb.toJson(event)));
    }

    private static String keyOf(Record event, String component) {
        try {
            for (RecordComponent c : event.getClass().getRecordComponents()) {
                if (c.getName().equals(component)) {
                    return String.valueOf(c.getAccessor().invoke(event));
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no key component " + component + " in " + event);
    }
}
