package io.tradecoord.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One entry of a SKU's stock ledger: what changed, by how much, for which order or why, and the stock right after.
 * Written in the same transaction as the change, numbered 1, 2, 3 ... per SKU (under the SKU's lock).
 */
@Entity
@Table(name = "inventory_movement")
@IdClass(MovementKey.class)
public class Movement {

    public static final int MAX_REASON = 200;

    @Id
    @Column(name = "sku", length = 64)
    private String sku;

    @Id
    @Column(name = "seq")
    private long seq;

    @Enumerated(EnumType.STRING)
    @Column(name = "change_type", nullable = false, length = 16)
    private StockChange change;

    @Column(name = "quantity", nullable = false)
    private long quantity;

    @Column(name = "order_id", length = Reservation.MAX_ORDER_ID)
    private String orderId;

    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    @Column(name = "on_hand", nullable = false)
    private long onHand;

    @Column(name = "reserved", nullable = false)
    private long reserved;

    @Column(name = "available", nullable = false)
    private long available;

    @Column(name = "occurred_at", nullable = false)
    private OffsetDateTime occurredAt;

    protected Movement() {
    }

    /** The next ledger entry of {@code sku}, which has just been changed; takes the SKU's next sequence number. */
    public static Movement after(Sku sku, StockChange change, long quantity, String orderId, String reason, Instant at) {
        Movement movement = new Movement();
        movement.sku = sku.getCode();
        movement.seq = sku.nextMovementSeq();
        movement.change = change;
        movement.quantity = quantity;
        movement.orderId = orderId;
        movement.reason = reason;
        movement.onHand = sku.getOnHand();
        movement.reserved = sku.getReserved();
        movement.available = sku.available();
        movement.occurredAt = Sku.utc(at);
        return movement;
    }

    public String getSku() {
        return sku;
    }

    public long getSeq() {
        return seq;
    }

    public StockChange getChange() {
        return change;
    }

    public long getQuantity() {
        return quantity;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getReason() {
        return reason;
    }

    public long getOnHand() {
        return onHand;
    }

    public long getReserved() {
        return reserved;
    }

    public long getAvailable() {
        return available;
    }

    public Instant getOccurredAt() {
        return occurredAt.toInstant();
    }
}
