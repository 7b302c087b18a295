package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

@IntegrationEvent(topic = "order.rejected", key = "orderId")
public record OrderRejected(String orderId, String memberId, String reason) {
}
