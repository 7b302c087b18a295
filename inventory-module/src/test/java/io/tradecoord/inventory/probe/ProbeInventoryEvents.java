package io.tradecoord.inventory.probe;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.util.List;

/** The inventory's events as a consumer declares them (docs/api.md): what the order module would read. Test-only. */
public final class ProbeInventoryEvents {

    private ProbeInventoryEvents() {
    }

    @IntegrationEvent(topic = "inventory.reserved", key = "orderId")
    public record Reserved(String orderId, List<ReservedLine> lines) {
    }

    public record ReservedLine(String sku, Long quantity, BigDecimal unitPrice) {
    }

    @IntegrationEvent(topic = "inventory.rejected", key = "orderId")
    public record Rejected(String orderId, String reason, List<ShortLine> shortLines) {
    }

    public record ShortLine(String sku, Long requested, Long available, Boolean known) {
    }

    @IntegrationEvent(topic = "inventory.stock-changed", key = "sku")
    public record StockChanged(String sku, String change, Long quantity, String orderId, String reason,
            Long onHand, Long reserved, Long available) {
    }
}
