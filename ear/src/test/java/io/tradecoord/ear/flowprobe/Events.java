package io.tradecoord.ear.flowprobe;

import io.tradecoord.coordination.bus.IntegrationEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The recorder's own records for the topics it observes: the contract of docs/events.md, field for field (consumers read
 * strictly: a field missing here would dead-letter the event).
 */
public final class Events {

    private Events() {
    }

    public record PlacedLine(String sku, Integer quantity) {
    }

    public record Line(String sku, Integer quantity, BigDecimal unitPrice) {
    }

    public record ShortLine(String sku, Integer requested, Integer available, Boolean known) {
    }

    @IntegrationEvent(topic = "order.placed", key = "orderId")
    public record OrderPlaced(String orderId, String memberId, List<PlacedLine> lines, Instant placedAt) {
    }

    @IntegrationEvent(topic = "order.confirmed", key = "orderId")
    public record OrderConfirmed(String orderId, String memberId, BigDecimal total, Instant payBy) {
    }

    @IntegrationEvent(topic = "order.rejected", key = "orderId")
    public record OrderRejected(String orderId, String memberId, String reason) {
    }

    @IntegrationEvent(topic = "order.paid", key = "orderId")
    public record OrderPaid(String orderId, String memberId, BigDecimal total, Instant paidAt) {
    }

    @IntegrationEvent(topic = "order.cancelled", key = "orderId")
    public record OrderCancelled(String orderId, String memberId, String reason, Boolean automatic) {
    }

    @IntegrationEvent(topic = "order.shipped", key = "orderId")
    public record OrderShipped(String orderId, String memberId, Instant shippedAt) {
    }

    @IntegrationEvent(topic = "inventory.reserved", key = "orderId")
    public record InventoryReserved(String orderId, List<Line> lines) {
    }

    @IntegrationEvent(topic = "inventory.rejected", key = "orderId")
    public record InventoryRejected(String orderId, String reason, List<ShortLine> shortLines) {
    }

    @IntegrationEvent(topic = "inventory.stock-changed", key = "sku")
    public record StockChanged(String sku, String change, Integer quantity, String orderId, String reason, Integer onHand, Integer reserved,
                               Integer available) {
    }

    @IntegrationEvent(topic = "member.registered", key = "memberId", version = 2)
    public record MemberRegistered(String memberId) {
    }

    @IntegrationEvent(topic = "member.updated", key = "memberId", version = 2)
    public record MemberUpdated(String memberId) {
    }

    @IntegrationEvent(topic = "member.level-changed", key = "memberId")
    public record MemberLevelChanged(String memberId, String previousLevel, String level, Long points) {
    }
}
