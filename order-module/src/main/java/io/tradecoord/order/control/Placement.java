package io.tradecoord.order.control;

/**
 * The answer to a POST of an order: the order, and whether it was refused because its member is not known (yet):
 * the member module's {@code member.registered} may still be on its way, so a retry may be placed.
 */
public record Placement(OrderView order, boolean memberWasUnknown) {
}
