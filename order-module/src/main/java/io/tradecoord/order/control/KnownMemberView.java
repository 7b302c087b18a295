package io.tradecoord.order.control;

import java.time.Instant;

/** A member as the order module knows it: since when, and when it last heard of it. */
public record KnownMemberView(String memberId, Instant knownSince, Instant lastEventAt) {
}
