package io.tradecoord.order.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The status machine as the entity applies it: the history, the total and the refusals. */
class PurchaseOrderTest {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");

    private static PurchaseOrder pending() {
        return PurchaseOrder.place("o-1", "m-1", List.of(new OrderLine("A", 2, null), new OrderLine("B", 1, null)), T0, T0.plusSeconds(300));
    }

    @Test
    void confirmationPricesTheLinesComputesTheTotalAndSetsTheDeadline() {
        PurchaseOrder order = pending();
        assertNull(order.getTotal());
        order.confirm(Map.of("A", new BigDecimal("2.50"), "B", new BigDecimal("10")), T0.plus(Duration.ofMinutes(15)), T0.plusSeconds(1));

        assertEquals(OrderStatus.CONFIRMED, order.getStatus());
        assertEquals(new BigDecimal("15.00"), order.getTotal());
        assertEquals(new BigDecimal("2.50"), order.getLines().get(0).getUnitPrice());
        assertEquals(T0.plus(Duration.ofMinutes(15)), order.getPayBy());
        assertEquals(List.of(OrderStatus.PENDING, OrderStatus.CONFIRMED), order.getHistory().stream().map(StatusChange::getStatus).toList());
        assertEquals(T0.plusSeconds(1), order.getUpdatedAt());
    }

    @Test
    void theHappyPathEndsShippedWithOneHistoryRowPerStatus() {
        PurchaseOrder order = pending();
        order.confirm(Map.of("A", BigDecimal.ONE, "B", BigDecimal.ONE), T0.plusSeconds(60), T0);
        order.pay(T0.plusSeconds(2));
        order.ship(T0.plusSeconds(3));
        assertEquals(OrderStatus.SHIPPED, order.getStatus());
        assertEquals(List.of(OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.PAID, OrderStatus.SHIPPED),
                order.getHistory().stream().map(StatusChange::getStatus).toList());
    }

    @Test
    void anIllegalTransitionNamesTheCurrentStatusAndChangesNothing() {
        PurchaseOrder order = pending();
        IllegalTransitionException refused = assertThrows(IllegalTransitionException.class, () -> order.pay(T0));
        assertEquals(OrderStatus.PENDING, refused.current());
        assertEquals(OrderStatus.PAID, refused.requested());
        assertEquals(OrderStatus.PENDING, order.getStatus());
        assertEquals(1, order.getHistory().size());

        order.cancel("changed my mind", T0);
        assertThrows(IllegalTransitionException.class, () -> order.confirm(Map.of("A", BigDecimal.ONE, "B", BigDecimal.ONE), T0, T0));
        assertThrows(IllegalTransitionException.class, () -> order.reject("late answer", T0));
        assertNull(order.getTotal(), "a refused confirmation must not price the order");
        assertEquals("changed my mind", order.getReason());
    }

    @Test
    void rejectionKeepsTheReasonInTheOrderAndItsHistory() {
        PurchaseOrder order = pending();
        order.reject("not enough stock; short: A (requested 2, available 1)", T0);
        assertEquals(OrderStatus.REJECTED, order.getStatus());
        assertEquals("not enough stock; short: A (requested 2, available 1)", order.getReason());
        assertEquals(order.getReason(), order.getHistory().get(1).getReason());
    }

    @Test
    void onlyAConfirmedOrderPastItsDeadlineIsOverdue() {
        PurchaseOrder order = pending();
        assertFalse(order.isOverdue(T0.plusSeconds(3600)));
        order.confirm(Map.of("A", BigDecimal.ONE, "B", BigDecimal.ONE), T0.plusSeconds(60), T0);
        assertFalse(order.isOverdue(T0.plusSeconds(60)), "due exactly at the deadline, not before");
        assertTrue(order.isOverdue(T0.plusSeconds(61)));
        order.pay(T0.plusSeconds(30));
        assertFalse(order.isOverdue(T0.plusSeconds(61)));
    }

    @Test
    void onlyAPendingOrderPastItsConfirmationDeadlineIsUnconfirmedPastDeadline() {
        PurchaseOrder order = pending(); // confirmBy T0 + 300 s
        assertFalse(order.isUnconfirmedPastDeadline(T0.plusSeconds(300)), "due exactly at the deadline, not before");
        assertTrue(order.isUnconfirmedPastDeadline(T0.plusSeconds(301)));
        order.confirm(Map.of("A", BigDecimal.ONE, "B", BigDecimal.ONE), T0.plusSeconds(900), T0.plusSeconds(10));
        assertFalse(order.isUnconfirmedPastDeadline(T0.plusSeconds(301)), "answered: the placement deadline no longer applies");
        assertFalse(PurchaseOrder.refuse("o-3", "ghost", List.of(new OrderLine("A", 1, null)), T0, "unknown member ghost")
                .isUnconfirmedPastDeadline(T0.plusSeconds(3600)), "a refused order has no placement deadline");
    }

    @Test
    void anOrderRefusedAtPlacementIsRejectedFromTheStart() {
        PurchaseOrder order = PurchaseOrder.refuse("o-2", "ghost", List.of(new OrderLine("A", 1, null)), T0, "unknown member ghost");
        assertEquals(OrderStatus.REJECTED, order.getStatus());
        assertEquals(List.of(OrderStatus.REJECTED), order.getHistory().stream().map(StatusChange::getStatus).toList());
    }

    @Test
    void aVeryLongReasonIsClippedToTheColumn() {
        PurchaseOrder order = pending();
        order.reject("x".repeat(5000), T0);
        assertEquals(PurchaseOrder.MAX_REASON, order.getReason().length());
    }
}
