package io.tradecoord.member.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/**
 * Published on every change of a member after registration: profile edits and point awards (fields:
 * docs/events.md). Only the id, for the reason given on {@link MemberRegistered}; a consumer that needs the current
 * profile reads it from {@code GET /member/api/members/{id}}. Version 2: version 1 also carried email, displayName,
 * points and level.
 */
@IntegrationEvent(topic = "member.updated", key = "memberId", version = 2)
public record MemberUpdated(String memberId) {

    public static MemberUpdated of(Member member) {
        return new MemberUpdated(member.getId());
    }
}
