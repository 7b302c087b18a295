package io.tradecoord.order.entity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where an order stands, and the one place that says which status may follow which:
 * <pre>
 * PENDING ──► CONFIRMED ──► PAID ──► SHIPPED
 *    │  │         │
 *    │  └─► REJECTED
 *    └──────┴──► CANCELLED
 * </pre>
 */
public enum OrderStatus {
    PENDING, CONFIRMED, REJECTED, PAID, SHIPPED, CANCELLED;

    /** Whether an order in this status may move to {@code next}. */
    public boolean canMoveTo(OrderStatus next) {
        return switch (this) {
            case PENDING -> next == CONFIRMED || next == REJECTED || next == CANCELLED;
            case CONFIRMED -> next == PAID || next == CANCELLED;
            case PAID -> next == SHIPPED;
            case REJECTED, SHIPPED, CANCELLED -> false;
        };
    }

    /** No transition leaves a final status. */
    public boolean isFinal() {
        return EnumSet.allOf(OrderStatus.class).stream().noneMatch(this::canMoveTo);
    }

    /** The status of that exact (upper-case) name, if there is one. */
    public static Optional<OrderStatus> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }

    public static String allowedNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    public static Set<OrderStatus> all() {
        return EnumSet.allOf(OrderStatus.class);
    }
}
