package io.tradecoord.inventory.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** {@code order.cancelled} as the inventory reads it; {@code automatic} is true when a deadline cancelled the order. */
@IntegrationEvent(topic = "order.cancelled", key = "orderId")
public record OrderCancelled(String orderId, String memberId, String reason, boolean automatic) {
}
