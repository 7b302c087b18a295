package io.tradecoord.inventory.probe;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The order module's events as a producer declares them (docs/api.md): the probe fires these, the inventory reads
 * them through its own types. Test-only.
 */
public final class ProbeOrderEvents {

    private ProbeOrderEvents() {
    }

    @IntegrationEvent(topic = "order.placed", key = "orderId")
    public record Placed(String orderId, String memberId, List<Line> lines, Instant placedAt) {
    }

    public record Line(String sku, int quantity) {
    }

    @IntegrationEvent(topic = "order.cancelled", key = "orderId")
    public record Cancelled(String orderId, String memberId, String reason, boolean automatic) {
    }

    @IntegrationEvent(topic = "order.paid", key = "orderId")
    public record Paid(String orderId, String memberId, BigDecimal total, Instant paidAt) {
    }
}
