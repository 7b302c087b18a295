package io.tradecoord.inventory.entity;

/** Where an order's reservation stands. */
public enum ReservationStatus {
    /** every line is set aside */
    RESERVED,
    /** the order was cancelled and its units went back to the stock */
    RELEASED,
    /** the order was paid and its units left the stock */
    SOLD,
    /** not enough stock (or an unknown SKU) for at least one line: nothing was set aside */
    REJECTED,
    /** the cancel arrived before the order itself: a later {@code order.placed} reserves nothing */
    CANCELLED_BEFORE_PLACED
}
