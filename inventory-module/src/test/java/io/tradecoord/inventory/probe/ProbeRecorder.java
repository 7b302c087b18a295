package io.tradecoord.inventory.probe;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.inventory.entity.incoming.OrderCancelled;
import io.tradecoord.inventory.entity.incoming.OrderPaid;
import io.tradecoord.inventory.entity.incoming.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: records, once their delivery transaction committed, (a) every inventory event that came over the bus,
 * as JSON, and (b) how many deliveries of each order event the module has applied, so a test knows when a
 * duplicate has been handled.
 */
@ApplicationScoped
public class ProbeRecorder {

    static final List<String> INVENTORY_EVENTS = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> APPLIED = new ConcurrentHashMap<>();

    private static final Jsonb JSONB = JsonbBuilder.create();

    void reserved(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Incoming ProbeInventoryEvents.Reserved event) {
        record("inventory.reserved", event);
    }

    void rejected(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Incoming ProbeInventoryEvents.Rejected event) {
        record("inventory.rejected", event);
    }

    void stockChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Incoming ProbeInventoryEvents.StockChanged event) {
        record("inventory.stock-changed", event);
    }

    void placed(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Incoming OrderPlaced event) {
        count("order.placed", event.orderId());
    }

    void cancelled(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Incoming OrderCancelled event) {
        count("order.cancelled", event.orderId());
    }

    void paid(@Observes(during = TransactionPhase.AFTER_SUCCESS) @Incoming OrderPaid event) {
        count("order.paid", event.orderId());
    }

    private static void record(String topic, Object event) {
        INVENTORY_EVENTS.add("{\"topic\":\"" + topic + "\",\"payload\":" + JSONB.toJson(event) + "}");
    }

    private static void count(String topic, String orderId) {
        APPLIED.computeIfAbsent(topic + "/" + orderId, key -> new AtomicInteger()).incrementAndGet();
    }
}
