package io.tradecoord.member.control;

/** What became of one {@code order.paid}. */
public enum AwardOutcome {
    /** Points were awarded (possibly zero, for an order under one currency unit). */
    AWARDED,
    /** The order had earned its points before: a duplicate delivery. */
    ALREADY_AWARDED,
    /** No such member: nothing to award to. */
    UNKNOWN_MEMBER
}
