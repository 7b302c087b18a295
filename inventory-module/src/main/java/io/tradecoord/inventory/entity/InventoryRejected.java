package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.util.List;

/** {@code inventory.rejected}: nothing was set aside for the order, because of {@code reason}. */
@IntegrationEvent(topic = "inventory.rejected", key = "orderId")
public record InventoryRejected(String orderId, String reason, List<ShortLine> shortLines) {

    /**
     * A SKU the order asked more of than is available; for an unknown SKU {@code available} is 0 and {@code known}
     * false.
     */
    public record ShortLine(String sku, long requested, long available, boolean known) {
    }
}
