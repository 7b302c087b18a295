package io.tradecoord.member.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/**
 * Published when a member registers (fields: docs/events.md). Only the id: its one consumer, the order module, keeps
 * nothing else, and personal data in an event would be copied into outboxes, inboxes and dead letters.
 * Version 2: version 1 also carried email and displayName.
 */
@IntegrationEvent(topic = "member.registered", key = "memberId", version = 2)
public record MemberRegistered(String memberId) {

    public static MemberRegistered of(Member member) {
        return new MemberRegistered(member.getId());
    }
}
