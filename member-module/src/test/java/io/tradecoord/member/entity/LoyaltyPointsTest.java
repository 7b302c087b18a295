package io.tradecoord.member.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class LoyaltyPointsTest {

    @Test
    void onePointPerWholeCurrencyUnitRoundedDown() {
        assertEquals(12, LoyaltyPoints.forOrderTotal(new BigDecimal("12.99")));
        assertEquals(12, LoyaltyPoints.forOrderTotal(new BigDecimal("12.00")));
        assertEquals(0, LoyaltyPoints.forOrderTotal(new BigDecimal("0.99")));
        assertEquals(0, LoyaltyPoints.forOrderTotal(BigDecimal.ZERO));
        assertEquals(1_000, LoyaltyPoints.forOrderTotal(new BigDecimal("1000")));
        assertEquals(5, LoyaltyPoints.forOrderTotal(new BigDecimal("5.5E0")));
    }

    @Test
    void missingNegativeOrAbsurdTotalsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LoyaltyPoints.forOrderTotal(null));
        assertThrows(IllegalArgumentException.class, () -> LoyaltyPoints.forOrderTotal(new BigDecimal("-0.01")));
        assertThrows(IllegalArgumentException.class, () -> LoyaltyPoints.forOrderTotal(new BigDecimal("1E30")));
    }
}
