package io.tradecoord.member.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The loyalty rule: one point per whole currency unit of a paid order's total. */
public final class LoyaltyPoints {

    private LoyaltyPoints() {
    }

    /**
     * {@code floor(total)}: 12.99 earns 12, 0.99 earns nothing.
     *
     * @throws IllegalArgumentException if the total is missing, negative or too large to count
     */
    public static long forOrderTotal(BigDecimal total) {
        if (total == null) {
            throw new IllegalArgumentException("an order total is required");
        }
        if (total.signum() < 0) {
            throw new IllegalArgumentException("an order total cannot be negative, was " + total.toPlainString());
        }
        try {
            return total.setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException tooLarge) {
            throw new IllegalArgumentException("an order total of " + total.toPlainString() + " is beyond any points balance");
        }
    }
}
