package io.tradecoord.order.entity;

import io.tradecoord.coordination.lock.fencing.Fenced;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An order and its status machine. Every change goes through {@link #moveTo}, which refuses a transition the
 * {@link OrderStatus} does not allow and appends the history row. Writes are fenced ({@link Fenced}): the row
 * keeps the fencing token of the lock grant that last changed it.
 * <p>(Named PurchaseOrder because {@code ORDER} is a reserved word in SQL and JPQL.)
 */
@Entity
@Table(name = "order_purchase")
public class PurchaseOrder implements Fenced {

    public static final int MAX_REASON = 1000;

    @Id
    @Column(name = "order_id", length = 36)
    private String id;

    @Column(name = "member_id", nullable = false, length = 64)
    private String memberId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private OrderStatus status;

    @Column(name = "total", precision = 19, scale = 2)
    private BigDecimal total;

    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    /** While PENDING: when the order is cancelled automatically if the inventory has not answered. */
    @Column(name = "confirm_by")
    private OffsetDateTime confirmBy;

    @Column(name = "pay_by")
    private OffsetDateTime payBy;

    @Column(name = "placed_at", nullable = false)
    private OffsetDateTime placedAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "fencing_token", nullable = false)
    private long fencingToken;

    @ElementCollection
    @CollectionTable(name = "order_line", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_no")
    private List<OrderLine> lines = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "order_status_change", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "seq")
    private List<StatusChange> history = new ArrayList<>();

    protected PurchaseOrder() {
    }

    private PurchaseOrder(String id, String memberId, List<OrderLine> lines, Instant now) {
        this.id = id;
        this.memberId = memberId;
        this.lines = new ArrayList<>(lines);
        this.placedAt = utc(now);
        this.updatedAt = utc(now);
    }

    /** A new order, PENDING until the inventory answers, or until {@code confirmBy}, when it is cancelled. */
    public static PurchaseOrder place(String id, String memberId, List<OrderLine> lines, Instant now, Instant confirmBy) {
        PurchaseOrder order = new PurchaseOrder(id, memberId, lines, now);
        order.confirmBy = utc(confirmBy);
        order.status = OrderStatus.PENDING;
        order.history.add(new StatusChange(OrderStatus.PENDING, now, null));
        return order;
    }

    /** A new order that is refused at once (e.g. its member is unknown): stored REJECTED, never PENDING. */
    public static PurchaseOrder refuse(String id, String memberId, List<OrderLine> lines, Instant now, String reason) {
        PurchaseOrder order = new PurchaseOrder(id, memberId, lines, now);
        order.status = OrderStatus.REJECTED;
        order.reason = clip(reason);
        order.history.add(new StatusChange(OrderStatus.REJECTED, now, order.reason));
        return order;
    }

    /** PENDING → CONFIRMED: the stock is reserved at these prices; the total is due by {@code payBy}. */
    public void confirm(Map<String, BigDecimal> unitPricesBySku, Instant payBy, Instant now) {
        requireMove(OrderStatus.CONFIRMED);
        List<OrderLine> priced = OrderTotals.priced(lines, unitPricesBySku);
        this.lines = new ArrayList<>(priced); // a new list: providers then surely see the changed elements
        this.total = OrderTotals.total(priced);
        this.payBy = utc(payBy);
        moveTo(OrderStatus.CONFIRMED, now, null);
    }

    public void reject(String why, Instant now) {
        moveTo(OrderStatus.REJECTED, now, why);
    }

    public void pay(Instant now) {
        moveTo(OrderStatus.PAID, now, null);
    }

    public void ship(Instant now) {
        moveTo(OrderStatus.SHIPPED, now, null);
    }

    public void cancel(String why, Instant now) {
        moveTo(OrderStatus.CANCELLED, now, why);
    }

    /** A CONFIRMED order whose payment deadline has passed. */
    public boolean isOverdue(Instant now) {
        return status == OrderStatus.CONFIRMED && payBy != null && payBy.toInstant().isBefore(now);
    }

    /** PENDING past its deadline: the inventory's answer did not come in time. */
    public boolean isUnconfirmedPastDeadline(Instant now) {
        return status == OrderStatus.PENDING && confirmBy != null && confirmBy.toInstant().isBefore(now);
    }

    /** @throws IllegalTransitionException if the current status does not allow {@code next} */
    public void requireMove(OrderStatus next) {
        if (!status.canMoveTo(next)) {
            throw new IllegalTransitionException(id, status, next);
        }
    }

    private void moveTo(OrderStatus next, Instant now, String why) {
        requireMove(next);
        status = next;
        if (why != null) {
            reason = clip(why);
        }
        updatedAt = utc(now);
        history.add(new StatusChange(next, now, why == null ? null : clip(why)));
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    public String getId() {
        return id;
    }

    public String getMemberId() {
        return memberId;
    }

    public OrderStatus getStatus() {
        return status;
    }

    /** Null until confirmed. */
    public BigDecimal getTotal() {
        return total;
    }

    public String getReason() {
        return reason;
    }

    public Instant getPayBy() {
        return instant(payBy);
    }

    public Instant getConfirmBy() {
        return instant(confirmBy);
    }

    public Instant getPlacedAt() {
        return instant(placedAt);
    }

    public Instant getUpdatedAt() {
        return instant(updatedAt);
    }

    public List<OrderLine> getLines() {
        return List.copyOf(lines);
    }

    public List<StatusChange> getHistory() {
        return List.copyOf(history);
    }

    @Override
    public long getFencingToken() {
        return fencingToken;
    }

    @Override
    public void setFencingToken(long fencingToken) {
        this.fencingToken = fencingToken;
    }
}
