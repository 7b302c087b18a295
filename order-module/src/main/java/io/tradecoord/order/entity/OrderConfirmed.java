package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** The stock is reserved: the member owes {@code total} by {@code payBy}, else the order is cancelled. */
@IntegrationEvent(topic = "order.confirmed", key = "orderId")
public record OrderConfirmed(String orderId, String memberId, BigDecimal total, Instant payBy) {
}
