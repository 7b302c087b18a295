package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/**
 * The inventory releases the reservation. {@code automatic}: cancelled because a deadline passed (not confirmed or
 * not paid in time). Announced again for an ended order whose reservation the inventory still holds (HeldReservations).
 */
@IntegrationEvent(topic = "order.cancelled", key = "orderId")
public record OrderCancelled(String orderId, String memberId, String reason, boolean automatic) {
}
