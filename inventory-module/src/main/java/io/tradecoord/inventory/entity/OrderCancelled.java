package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** {@code order.cancelled} as the inventory reads it; {@code automatic} is true when the order was not paid in time. */
@IntegrationEvent(topic = "order.cancelled", key = "orderId")
public record OrderCancelled(String orderId, String memberId, String reason, boolean automatic) {
}
