package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** The order module's own type for the member module's "a member changed" (only the id is kept). */
@IntegrationEvent(topic = "member.updated", key = "memberId")
public record MemberUpdated(String memberId, String email, String displayName, Long points, String level) {
}
