package io.tradecoord.order.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.time.Instant;

/** The inventory asks whether the order still needs the units it holds for it (see HeldReservations). */
@IntegrationEvent(topic = "inventory.reservation-held", key = "orderId")
public record ReservationHeld(String orderId, Instant heldSince) {
}
