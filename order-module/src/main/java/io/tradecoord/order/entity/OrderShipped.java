package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.time.Instant;

@IntegrationEvent(topic = "order.shipped", key = "orderId")
public record OrderShipped(String orderId, String memberId, Instant shippedAt) {
}
