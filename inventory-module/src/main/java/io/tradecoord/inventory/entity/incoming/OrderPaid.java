package io.tradecoord.inventory.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;

/** {@code order.paid} as the inventory reads it. */
@IntegrationEvent(topic = "order.paid", key = "orderId")
public record OrderPaid(String orderId, String memberId, BigDecimal total, Instant paidAt) {
}
