package io.tradecoord.member.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** Published on every change of a member after registration: profile edits and point awards (docs/api.md). */
@IntegrationEvent(topic = "member.updated", key = "memberId")
public record MemberUpdated(String memberId, String email, String displayName, long points, Level level) {

    public static MemberUpdated of(Member member) {
        return new MemberUpdated(member.getId(), member.getEmail(), member.getDisplayName(), member.getPoints(), member.getLevel());
    }
}
