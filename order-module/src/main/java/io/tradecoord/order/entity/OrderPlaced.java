package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.time.Instant;
import java.util.List;

/** Published when an order is placed; the inventory answers with inventory.reserved or inventory.rejected. */
@IntegrationEvent(topic = "order.placed", key = "orderId")
public record OrderPlaced(String orderId, String memberId, List<Line> lines, Instant placedAt) {

    public record Line(String sku, int quantity) {
    }
}
