package io.tradecoord.inventory.entity;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the inventory did for one order: its row exists from the first event about the order on, which is what
 * makes a second {@code order.placed} for the same order change nothing.
 */
@Entity
@Table(name = "inventory_reservation")
public class Reservation {

    public static final int MAX_ORDER_ID = 100;
    public static final int MAX_REASON = 500;

    @Id
    @Column(name = "order_id", length = MAX_ORDER_ID)
    private String orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 32)
    private ReservationStatus status;

    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    /** False only for a tombstone whose order.placed has not arrived yet. */
    @Column(name = "placed_received", nullable = false)
    private boolean placedReceived;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "inventory_reservation_line", joinColumns = @JoinColumn(name = "order_id"))
    private List<ReservationLine> lines = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    /** When the order module was last asked whether this reservation is still needed (see ReservationReconciler). */
    @Column(name = "checked_at")
    private OffsetDateTime checkedAt;

    protected Reservation() {
    }

    private Reservation(String orderId, ReservationStatus status, String reason, boolean placedReceived,
            List<ReservationLine> lines, Instant now) {
        if (orderId == null || orderId.isEmpty() || orderId.length() > MAX_ORDER_ID) {
            throw new IllegalArgumentException("an order id has 1 to " + MAX_ORDER_ID + " characters, was " + orderId);
        }
        this.orderId = orderId;
        this.status = status;
        this.reason = clip(reason);
        this.placedReceived = placedReceived;
        this.lines = sorted(lines);
        this.createdAt = Sku.utc(now);
        this.updatedAt = this.createdAt;
    }

    /** Every line set aside. */
    public static Reservation reserved(String orderId, List<ReservationLine> lines, Instant now) {
        return new Reservation(orderId, ReservationStatus.RESERVED, null, true, lines, now);
    }

    /** Nothing set aside, for {@code reason}. */
    public static Reservation rejected(String orderId, List<ReservationLine> lines, String reason, Instant now) {
        return new Reservation(orderId, ReservationStatus.REJECTED, reason, true, lines, now);
    }

    /** The cancel came first: remembers it, so the order's placement (when it arrives) reserves nothing. */
    public static Reservation cancelledBeforePlaced(String orderId, String reason, Instant now) {
        return new Reservation(orderId, ReservationStatus.CANCELLED_BEFORE_PLACED, reason, false, List.of(), now);
    }

    /** The order's placement arrived after its cancel: keeps its lines for the record, reserves nothing. */
    public void placedAfterCancel(List<ReservationLine> requested, Instant now) {
        requireStatus(ReservationStatus.CANCELLED_BEFORE_PLACED, "record the placement of");
        if (placedReceived) {
            throw new IllegalStateException("the placement of order " + orderId + " was recorded already");
        }
        lines.clear();
        lines.addAll(sorted(requested));
        placedReceived = true;
        updatedAt = Sku.utc(now);
    }

    /** RESERVED → RELEASED: the caller gives the units back to the stock. */
    public void release(String why, Instant now) {
        requireStatus(ReservationStatus.RESERVED, "release");
        status = ReservationStatus.RELEASED;
        reason = clip(why);
        updatedAt = Sku.utc(now);
    }

    /** RESERVED → SOLD: the caller takes the units out of the stock. */
    public void sell(Instant now) {
        requireStatus(ReservationStatus.RESERVED, "sell");
        status = ReservationStatus.SOLD;
        updatedAt = Sku.utc(now);
    }

    public boolean isPlacedReceived() {
        return placedReceived;
    }

    private void requireStatus(ReservationStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " the reservation of order " + orderId + ": it is " + status);
        }
    }

    private static List<ReservationLine> sorted(List<ReservationLine> lines) {
        List<ReservationLine> copy = new ArrayList<>(lines);
        copy.sort(Comparator.comparing(ReservationLine::getSku));
        return copy;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 3) + "...";
    }

    public String getOrderId() {
        return orderId;
    }

    public ReservationStatus getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }

    /** The lines, by SKU code. */
    public List<ReservationLine> getLines() {
        return sorted(lines);
    }

    public Instant getCreatedAt() {
        return createdAt.toInstant();
    }

    public Instant getUpdatedAt() {
        return updatedAt.toInstant();
    }
}
