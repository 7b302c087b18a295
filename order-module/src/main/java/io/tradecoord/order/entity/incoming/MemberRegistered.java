package io.tradecoord.order.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** The order module's own type for the member module's "a member registered" (version 2: the member id only). */
@IntegrationEvent(topic = "member.registered", key = "memberId", version = 2)
public record MemberRegistered(String memberId) {
}
