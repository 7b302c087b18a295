package io.tradecoord.order.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** The order module's own type for the member module's "a member changed" (version 2: the member id only). */
@IntegrationEvent(topic = "member.updated", key = "memberId", version = 2)
public record MemberUpdated(String memberId) {
}
