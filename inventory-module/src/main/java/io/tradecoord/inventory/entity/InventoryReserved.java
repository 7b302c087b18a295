package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.util.List;

/** {@code inventory.reserved}: every line of the order is set aside, with the unit prices the order's total uses. */
@IntegrationEvent(topic = "inventory.reserved", key = "orderId")
public record InventoryReserved(String orderId, List<Line> lines) {

    /** One SKU of the order (lines of the same SKU summed). */
    public record Line(String sku, long quantity, BigDecimal unitPrice) {
    }
}
