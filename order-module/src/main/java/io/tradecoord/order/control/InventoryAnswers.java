package io.tradecoord.order.control;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.order.entity.incoming.InventoryRejected;
import io.tradecoord.order.entity.incoming.InventoryReserved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The inventory's answers to order.placed. Each runs in the bus's delivery transaction (with the inbox record),
 * so the transition, its event and the inbox row commit together; the order lock lives until that commit.
 */
@ApplicationScoped
public class InventoryAnswers {

    private static final System.Logger LOG = System.getLogger(InventoryAnswers.class.getName());

    @Inject
    OrderTransitions transitions;

    void onReserved(@Observes @Incoming InventoryReserved event) {
        Outcome outcome = transitions.confirm(event.orderId(), unitPrices(event));
        report("inventory.reserved", event.orderId(), outcome);
    }

    void onRejected(@Observes @Incoming InventoryRejected event) {
        Outcome outcome = transitions.reject(event.orderId(), RejectionReason.of(event));
        report("inventory.rejected", event.orderId(), outcome);
    }

    /** @throws IllegalArgumentException if a SKU is answered twice with different prices (the event is dead-lettered) */
    static Map<String, BigDecimal> unitPrices(InventoryReserved event) {
        Map<String, BigDecimal> prices = new HashMap<>();
        for (InventoryReserved.Line line : event.lines() == null ? List.<InventoryReserved.Line>of() : event.lines()) {
            if (line.sku() == null || line.unitPrice() == null) {
                throw new IllegalArgumentException("inventory.reserved for order " + event.orderId() + " has a line without sku or unitPrice");
            }
            BigDecimal before = prices.putIfAbsent(line.sku(), line.unitPrice());
            if (before != null && before.compareTo(line.unitPrice()) != 0) {
                throw new IllegalArgumentException("inventory.reserved for order " + event.orderId() + " prices SKU " + line.sku() + " twice");
            }
        }
        return prices;
    }

    private static void report(String topic, String orderId, Outcome outcome) {
        switch (outcome) {
            case APPLIED -> LOG.log(Level.DEBUG, () -> topic + " applied to order " + orderId);
            case NOT_APPLICABLE -> LOG.log(Level.INFO, () -> topic + " ignored: order " + orderId + " is past the point where it applies");
            case UNKNOWN_ORDER -> LOG.log(Level.WARNING, () -> topic + " ignored: there is no order " + orderId);
        }
    }
}
