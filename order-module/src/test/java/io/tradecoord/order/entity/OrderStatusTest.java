package io.tradecoord.order.entity;

import static io.tradecoord.order.entity.OrderStatus.CANCELLED;
import static io.tradecoord.order.entity.OrderStatus.CONFIRMED;
import static io.tradecoord.order.entity.OrderStatus.PAID;
import static io.tradecoord.order.entity.OrderStatus.PENDING;
import static io.tradecoord.order.entity.OrderStatus.REJECTED;
import static io.tradecoord.order.entity.OrderStatus.SHIPPED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrderStatusTest {

    /** The whole machine, as the issue states it: every pair not listed here must be refused. */
    private static final Map<OrderStatus, Set<OrderStatus>> ALLOWED = Map.of(
            PENDING, EnumSet.of(CONFIRMED, REJECTED, CANCELLED),
            CONFIRMED, EnumSet.of(PAID, CANCELLED),
            PAID, EnumSet.of(SHIPPED),
            REJECTED, EnumSet.noneOf(OrderStatus.class),
            SHIPPED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    @Test
    void everyPairOfStatusesIsAllowedExactlyAsSpecified() {
        for (OrderStatus from : OrderStatus.values()) {
            for (OrderStatus to : OrderStatus.values()) {
                assertEquals(ALLOWED.get(from).contains(to), from.canMoveTo(to), from + " -> " + to);
            }
        }
    }

    @Test
    void noStatusMovesToItself() {
        for (OrderStatus status : OrderStatus.values()) {
            assertFalse(status.canMoveTo(status), status.name());
        }
    }

    @Test
    void rejectedShippedAndCancelledAreFinal() {
        assertEquals(EnumSet.of(REJECTED, SHIPPED, CANCELLED), EnumSet.copyOf(OrderStatus.all().stream().filter(OrderStatus::isFinal).toList()));
    }

    @Test
    void parsesExactNamesOnly() {
        assertEquals(Optional.of(PAID), OrderStatus.parse("PAID"));
        assertTrue(OrderStatus.parse("paid").isEmpty());
        assertTrue(OrderStatus.parse("DELIVERED").isEmpty());
        assertTrue(OrderStatus.parse(null).isEmpty());
        assertEquals("PENDING, CONFIRMED, REJECTED, PAID, SHIPPED, CANCELLED", OrderStatus.allowedNames());
    }
}
