package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.time.Instant;

/**
 * Published for a reservation held longer than {@code inventory.reservation-check-after}: the order module answers
 * with its order's final event again ({@code order.cancelled} or {@code order.paid}) if the order has ended, so a
 * reservation whose release or sale was lost (a dead-lettered event) does not hold its units for ever.
 */
@IntegrationEvent(topic = "inventory.reservation-held", key = "orderId")
public record ReservationHeld(String orderId, Instant heldSince) {
}
