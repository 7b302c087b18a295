package io.tradecoord.order.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One row of an order's history: the status it reached, when, and why (if there was a reason). */
@Embeddable
public class StatusChange {

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private OrderStatus status;

    // OffsetDateTime rather than Instant: JPA 3.1 (EclipseLink 4) maps it portably, Instant only from JPA 3.2
    @Column(name = "changed_at", nullable = false)
    private OffsetDateTime at;

    @Column(name = "reason", length = PurchaseOrder.MAX_REASON)
    private String reason;

    protected StatusChange() {
    }

    public StatusChange(OrderStatus status, Instant at, String reason) {
        this.status = status;
        this.at = at.atOffset(ZoneOffset.UTC);
        this.reason = reason;
    }

    public OrderStatus getStatus() {
        return status;
    }

    public Instant getAt() {
        return at.toInstant();
    }

    public String getReason() {
        return reason;
    }
}
