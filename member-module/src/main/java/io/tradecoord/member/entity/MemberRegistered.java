package io.tradecoord.member.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** Published when a member registers (contract: docs/api.md). */
@IntegrationEvent(topic = "member.registered", key = "memberId")
public record MemberRegistered(String memberId, String email, String displayName) {
}
