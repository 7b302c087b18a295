package io.tradecoord.order.testsupport;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.bus.IntegrationEvent;
import io.tradecoord.order.entity.OrderCancelled;
import io.tradecoord.order.entity.OrderConfirmed;
import io.tradecoord.order.entity.OrderPaid;
import io.tradecoord.order.entity.OrderPlaced;
import io.tradecoord.order.entity.OrderRejected;
import io.tradecoord.order.entity.OrderShipped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test only: subscribes to the order module's own topics, as another module would, and keeps what arrived
 * (topic, order id, the JSON payload) in memory for the test to read.
 */
@ApplicationScoped
public class EventRecorder {

    public record Recorded(String topic, String orderId, String json) {
    }

    private static final List<Recorded> RECORDED = new CopyOnWriteArrayList<>();
    private final Jsonb jsonb = JsonbBuilder.create();

    void on(@Observes @Incoming OrderPlaced e) {
        record(e, e.orderId());
    }

    void on(@Observes @Incoming OrderConfirmed e) {
        record(e, e.orderId());
    }

    void on(@Observes @Incoming OrderRejected e) {
        record(e, e.orderId());
    }

    void on(@Observes @Incoming OrderPaid e) {
        record(e, e.orderId());
    }

    void on(@Observes @Incoming OrderCancelled e) {
        record(e, e.orderId());
    }

    void on(@Observes @Incoming OrderShipped e) {
        record(e, e.orderId());
    }

    private void record(Object event, String orderId) {
        RECORDED.add(new Recorded(event.getClass().getAnnotation(IntegrationEvent.class).topic(), orderId, jsonb.toJson(event)));
    }

    static List<Recorded> all() {
        return List.copyOf(RECORDED);
    }
}
