package io.tradecoord.order.control;

/** The answer to a POST of an order: the order, and whether it was placed earlier under the same idempotency key. */
public record Placement(OrderView order, boolean replayed) {
}
