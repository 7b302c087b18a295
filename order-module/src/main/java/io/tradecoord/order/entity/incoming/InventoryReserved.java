package io.tradecoord.order.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.util.List;

/** The order module's own type for the inventory's answer "all lines reserved", with the unit prices. */
@IntegrationEvent(topic = "inventory.reserved", key = "orderId")
public record InventoryReserved(String orderId, List<Line> lines) {

    public record Line(String sku, long quantity, BigDecimal unitPrice) {
    }
}
