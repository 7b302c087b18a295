package io.tradecoord.order.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTotalsTest {

    @Test
    void totalIsTheSumOfQuantityTimesUnitPriceWithTwoFractionDigits() {
        List<OrderLine> lines = List.of(new OrderLine("A", 3, new BigDecimal("19.99")), new OrderLine("B", 1, new BigDecimal("0.01")),
                new OrderLine("C", 10_000, new BigDecimal("5")));
        BigDecimal total = OrderTotals.total(lines);
        assertEquals(new BigDecimal("50059.98"), total);
        assertEquals(2, total.scale());
    }

    @Test
    void aFreeLineAddsNothing() {
        assertEquals(new BigDecimal("0.00"), OrderTotals.total(List.of(new OrderLine("FREE", 7, BigDecimal.ZERO))));
    }

    @Test
    void aLineWithoutPriceHasNoTotal() {
        assertThrows(IllegalArgumentException.class, () -> OrderTotals.total(List.of(new OrderLine("A", 1, null))));
    }

    @Test
    void pricingTakesEachLinesPriceBySku() {
        List<OrderLine> priced = OrderTotals.priced(List.of(new OrderLine("A", 2, null), new OrderLine("B", 1, null)),
                Map.of("A", new BigDecimal("1.5"), "B", new BigDecimal("10.250")));
        assertEquals(new BigDecimal("1.50"), priced.get(0).getUnitPrice());
        assertEquals(new BigDecimal("10.25"), priced.get(1).getUnitPrice());
        assertEquals(new BigDecimal("13.25"), OrderTotals.total(priced));
    }

    @Test
    void pricingRefusesMissingNegativeAndSubCentPrices() {
        List<OrderLine> lines = List.of(new OrderLine("A", 1, null));
        assertThrows(IllegalArgumentException.class, () -> OrderTotals.priced(lines, Map.of("B", BigDecimal.ONE)));
        assertThrows(IllegalArgumentException.class, () -> OrderTotals.priced(lines, Map.of("A", new BigDecimal("-1"))));
        assertThrows(IllegalArgumentException.class, () -> OrderTotals.priced(lines, Map.of("A", new BigDecimal("0.001"))));
    }

    @Test
    void anAmountMatchesTheTotalWhateverItsScale() {
        assertTrue(OrderTotals.matches(new BigDecimal("12.5"), new BigDecimal("12.50")));
        assertFalse(OrderTotals.matches(new BigDecimal("12.49"), new BigDecimal("12.50")));
        assertFalse(OrderTotals.matches(null, new BigDecimal("12.50")));
        assertFalse(OrderTotals.matches(BigDecimal.ONE, null));
    }
}
