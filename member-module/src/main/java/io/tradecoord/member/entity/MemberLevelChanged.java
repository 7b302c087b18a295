package io.tradecoord.member.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** Published when points move a member to another level (docs/api.md). */
@IntegrationEvent(topic = "member.level-changed", key = "memberId")
public record MemberLevelChanged(String memberId, Level previousLevel, Level level, long points) {
}
