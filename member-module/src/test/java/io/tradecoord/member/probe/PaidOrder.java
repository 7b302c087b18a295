package io.tradecoord.member.probe;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** What the order module publishes when an order is paid, declared as a producer would (docs/api.md). */
@IntegrationEvent(topic = "order.paid", key = "orderId")
public record PaidOrder(String orderId, String memberId, BigDecimal total, Instant paidAt) {
}
