package io.tradecoord.order.control;

import io.tradecoord.order.entity.PurchaseOrder;

/**
 * An order changed status; fired (synchronously, a plain CDI event, not an integration event) in the transaction of
 * the transition, so that the batch component follows in that same transaction without the orders depending on it.
 */
public record OrderMoved(PurchaseOrder order) {
}
