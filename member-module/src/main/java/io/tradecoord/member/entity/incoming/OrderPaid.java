package io.tradecoord.member.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** The member module's own type for the order module's {@code order.paid} (same JSON fields, no shared class). */
@IntegrationEvent(topic = "order.paid", key = "orderId")
public record OrderPaid(String orderId, String memberId, BigDecimal total, Instant paidAt) {
}
