package io.tradecoord.inventory.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/** {@code order.placed} as the inventory reads it (the order module has its own type; the JSON fields are the contract). */
@IntegrationEvent(topic = "order.placed", key = "orderId")
public record OrderPlaced(String orderId, String memberId, List<Line> lines, Instant placedAt) {

    /** One line of the order. */
    public record Line(String sku, int quantity) {
    }
}
