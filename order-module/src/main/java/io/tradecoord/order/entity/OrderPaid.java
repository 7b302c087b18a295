package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** The inventory turns the reservation into a sale; the member module awards points. */
@IntegrationEvent(topic = "order.paid", key = "orderId")
public record OrderPaid(String orderId, String memberId, BigDecimal total, Instant paidAt) {
}
