package io.tradecoord.order.batch.entity;

import io.tradecoord.order.entity.OrderStatus;

/**
 * Where one order of a batch stands: WAITING for its prerequisites, SKIPPED because one of them failed, or (once
 * placed) the status of its order.
 */
public enum BatchItemStatus {
    WAITING, SKIPPED, PENDING, CONFIRMED, REJECTED, PAID, SHIPPED, CANCELLED;

    public static BatchItemStatus of(OrderStatus status) {
        return valueOf(status.name());
    }

    /** Confirmed or later: the orders that depend on it may be placed. */
    public boolean satisfiesDependents() {
        return this == CONFIRMED || this == PAID || this == SHIPPED;
    }

    /** Rejected or cancelled: the orders that depend on it (and still wait) are skipped. */
    public boolean failsDependents() {
        return this == REJECTED || this == CANCELLED || this == SKIPPED;
    }
}
