package io.tradecoord.order.control;

import io.tradecoord.order.entity.OrderLine;
import io.tradecoord.order.entity.OrderStatus;
import io.tradecoord.order.entity.PurchaseOrder;
import io.tradecoord.order.entity.StatusChange;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as clients see it. Made inside the transaction that read the order (its lines and history are loaded
 * lazily); nulls are written out ({@code unitPrice} and {@code total} stay null until the order is confirmed).
 */
@JsonbNillable
@JsonbPropertyOrder({"orderId", "memberId", "status", "lines", "total", "reason", "confirmBy", "payBy", "placedAt", "updatedAt", "history"})
public record OrderView(String orderId, String memberId, OrderStatus status, List<Line> lines, BigDecimal total, String reason,
        Instant confirmBy, Instant payBy, Instant placedAt, Instant updatedAt, List<Change> history) {

    @JsonbNillable
    @JsonbPropertyOrder({"sku", "quantity", "unitPrice"})
    public record Line(String sku, int quantity, BigDecimal unitPrice) {

        static Line of(OrderLine line) {
            return new Line(line.getSku(), line.getQuantity(), line.getUnitPrice());
        }
    }

    @JsonbNillable
    @JsonbPropertyOrder({"status", "at", "reason"})
    public record Change(OrderStatus status, Instant at, String reason) {

        static Change of(StatusChange change) {
            return new Change(change.getStatus(), change.getAt(), change.getReason());
        }
    }

    public static OrderView of(PurchaseOrder order) {
        return new OrderView(order.getId(), order.getMemberId(), order.getStatus(),
                order.getLines().stream().map(Line::of).toList(), order.getTotal(), order.getReason(), order.getConfirmBy(), order.getPayBy(),
                order.getPlacedAt(), order.getUpdatedAt(), order.getHistory().stream().map(Change::of).toList());
    }
}
