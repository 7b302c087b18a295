package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** The order module's own type for the member module's "a member registered" (only the id is kept). */
@IntegrationEvent(topic = "member.registered", key = "memberId")
public record MemberRegistered(String memberId, String email, String displayName) {
}
