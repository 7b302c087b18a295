package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** The inventory releases the reservation. {@code automatic}: cancelled because it was not paid in time. */
@IntegrationEvent(topic = "order.cancelled", key = "orderId")
public record OrderCancelled(String orderId, String memberId, String reason, boolean automatic) {
}
