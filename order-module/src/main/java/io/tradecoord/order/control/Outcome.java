package io.tradecoord.order.control;

/** What an event did to an order; an event that does not apply changes nothing (and is not an error). */
public enum Outcome {
    APPLIED,
    /** the order is in a status where the event does not apply (e.g. inventory.reserved for a CANCELLED order) */
    NOT_APPLICABLE,
    /** this module has no such order */
    UNKNOWN_ORDER
}
