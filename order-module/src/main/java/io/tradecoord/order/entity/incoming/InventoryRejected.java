package io.tradecoord.order.entity.incoming;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.util.List;

/** The order module's own type for the inventory's answer "not reserved", with the lines that were short. */
@IntegrationEvent(topic = "inventory.rejected", key = "orderId")
public record InventoryRejected(String orderId, String reason, List<ShortLine> shortLines) {

    /** {@code known} is false (and {@code available} 0) for a SKU the inventory does not have at all. */
    public record ShortLine(String sku, long requested, long available, boolean known) {
    }
}
