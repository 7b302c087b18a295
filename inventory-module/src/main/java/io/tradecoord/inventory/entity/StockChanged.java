package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;

/**
 * {@code inventory.stock-changed}: one SKU's stock changed. {@code quantity} is the units moved (negative only for
 * a negative adjustment), {@code orderId} is set when the change belongs to an order, {@code reason} for an
 * adjustment; the stock figures are those after the change.
 */
@IntegrationEvent(topic = "inventory.stock-changed", key = "sku")
public record StockChanged(String sku, StockChange change, long quantity, String orderId, String reason,
        long onHand, long reserved, long available) {
}
