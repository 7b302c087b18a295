package io.tradecoord.member.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * The points one paid order earned. Keyed by the order id: an order can earn points once, however often its
 * {@code order.paid} event arrives (the primary key refuses a second row even if two deliveries raced).
 */
@Entity
@Table(name = "member_points_award")
public class PointsAward {

    @Id
    @Column(name = "order_id", length = 255)
    private String orderId;

    @Column(name = "member_id", nullable = false, length = 36)
    private String memberId;

    @Column(name = "points", nullable = false)
    private long points;

    @Column(name = "order_total", nullable = false, precision = 19, scale = 2)
    private BigDecimal orderTotal;

    @Convert(converter = InstantAttributeConverter.class)
    @Column(name = "awarded_at", nullable = false)
    private Instant awardedAt;

    protected PointsAward() {
    }

    public PointsAward(String orderId, String memberId, long points, BigDecimal orderTotal, Instant awardedAt) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.memberId = Objects.requireNonNull(memberId, "memberId");
        this.points = points;
        this.orderTotal = Objects.requireNonNull(orderTotal, "orderTotal");
        this.awardedAt = Objects.requireNonNull(awardedAt, "awardedAt");
    }

    public String getOrderId() {
        return orderId;
    }

    public String getMemberId() {
        return memberId;
    }

    public long getPoints() {
        return points;
    }

    public BigDecimal getOrderTotal() {
        return orderTotal;
    }

    public Instant getAwardedAt() {
        return awardedAt;
    }
}
