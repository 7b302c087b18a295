package io.tradecoord.inventory.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SkuTest {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00Z");
    private static final Instant T1 = Instant.parse("2026-11-30T08:00:00.123456789Z");

    private static Sku sku(long stock) {
        return new Sku("SKU-1", "a thing", new BigDecimal("9.99"), stock, T0);
    }

    @Test
    void startsWithItsInitialStockAllAvailable() {
        Sku sku = sku(10);
        assertEquals(10, sku.getOnHand());
        assertEquals(0, sku.getReserved());
        assertEquals(10, sku.available());
        assertEquals(T0, sku.getUpdatedAt());
    }

    @Test
    void pricesKeepTwoFractionDigitsAndNoMore() {
        assertEquals(new BigDecimal("19.90"), new Sku("P", "p", new BigDecimal("19.9"), 0, T0).getUnitPrice());
        assertEquals(new BigDecimal("7.00"), new Sku("P", "p", new BigDecimal("7"), 0, T0).getUnitPrice());
        assertThrows(ArithmeticException.class, () -> new Sku("P", "p", new BigDecimal("1.005"), 0, T0));
    }

    @Test
    void reservingMovesUnitsFromAvailableToReserved() {
        Sku sku = sku(10);
        sku.reserve(4, T1);
        assertEquals(10, sku.getOnHand());
        assertEquals(4, sku.getReserved());
        assertEquals(6, sku.available());
        assertEquals(Instant.parse("2026-11-30T08:00:00.123456Z"), sku.getUpdatedAt(), "stored to the microsecond");
    }

    @Test
    void reservingTheLastUnitIsAllowedOneMoreIsNot() {
        Sku sku = sku(3);
        assertTrue(sku.canReserve(3));
        assertFalse(sku.canReserve(4));
        sku.reserve(3, T1);
        assertEquals(0, sku.available());
        StockRuleException refused = assertThrows(StockRuleException.class, () -> sku.reserve(1, T1));
        assertTrue(refused.getMessage().contains("only 0 available"), refused.getMessage());
        assertEquals(3, sku.getReserved(), "a refused reservation changes nothing");
    }

    @Test
    void quantitiesMustBePositive() {
        Sku sku = sku(3);
        assertFalse(sku.canReserve(0));
        assertThrows(IllegalArgumentException.class, () -> sku.reserve(0, T1));
        assertThrows(IllegalArgumentException.class, () -> sku.release(-1, T1));
        assertThrows(IllegalArgumentException.class, () -> sku.sell(0, T1));
        assertEquals(3, sku.available());
    }

    @Test
    void releaseGivesReservedUnitsBack() {
        Sku sku = sku(5);
        sku.reserve(5, T1);
        sku.release(2, T1);
        assertEquals(3, sku.getReserved());
        assertEquals(2, sku.available());
        assertThrows(StockRuleException.class, () -> sku.release(4, T1), "more than reserved");
        assertEquals(3, sku.getReserved());
    }

    @Test
    void sellTakesReservedUnitsOutOfTheStock() {
        Sku sku = sku(5);
        sku.reserve(3, T1);
        sku.sell(3, T1);
        assertEquals(2, sku.getOnHand());
        assertEquals(0, sku.getReserved());
        assertEquals(2, sku.available());
        assertThrows(StockRuleException.class, () -> sku.sell(1, T1), "nothing reserved any more");
        assertEquals(2, sku.getOnHand());
    }

    @Test
    void adjustmentMayNotTakeAvailableBelowZero() {
        Sku sku = sku(5);
        sku.reserve(3, T1);
        assertEquals(-1, sku.availableAfterAdjusting(-3));
        StockRuleException refused = assertThrows(StockRuleException.class, () -> sku.adjust(-3, T1));
        assertTrue(refused.getMessage().contains("would leave -1 available"), refused.getMessage());
        assertEquals(5, sku.getOnHand(), "refused: unchanged");

        sku.adjust(-2, T1);
        assertEquals(3, sku.getOnHand());
        assertEquals(0, sku.available());
        sku.adjust(10, T1);
        assertEquals(13, sku.getOnHand());
        assertEquals(10, sku.available());
        assertThrows(IllegalArgumentException.class, () -> sku.adjust(0, T1));
    }

    @Test
    void ledgerSequenceCountsFromOne() {
        Sku sku = sku(1);
        Movement first = Movement.after(sku, StockChange.CREATED, 1, null, null, T0);
        sku.reserve(1, T1);
        Movement second = Movement.after(sku, StockChange.RESERVED, 1, "o-1", null, T1);
        assertEquals(1, first.getSeq());
        assertEquals(2, second.getSeq());
        assertEquals(2, sku.getMovementCount());
        assertEquals(1, second.getReserved());
        assertEquals(0, second.getAvailable());
        assertEquals("o-1", second.getOrderId());
    }

    @Test
    void codesFollowThePattern() {
        assertTrue(Sku.isValidCode("A"));
        assertTrue(Sku.isValidCode("tshirt.m_blue-2"));
        assertTrue(Sku.isValidCode("A".repeat(64)));
        assertFalse(Sku.isValidCode("A".repeat(65)));
        assertFalse(Sku.isValidCode("-leading-dash"));
        assertFalse(Sku.isValidCode("has space"));
        assertFalse(Sku.isValidCode(""));
        assertFalse(Sku.isValidCode(null));
        assertThrows(IllegalArgumentException.class, () -> new Sku("bad code", "x", BigDecimal.ONE, 1, T0));
        assertThrows(IllegalArgumentException.class, () -> new Sku("OK", "x", BigDecimal.ONE, -1, T0));
    }
}
