package io.tradecoord.order.entity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** The money arithmetic of an order, in the shop's one currency with 2 fraction digits. */
public final class OrderTotals {

    public static final int SCALE = 2;

    private OrderTotals() {
    }

    /**
     * The sum of quantity × unit price over the lines.
     *
     * @throws IllegalArgumentException if a line has no unit price
     */
    public static BigDecimal total(List<OrderLine> lines) {
        BigDecimal total = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            if (line.getUnitPrice() == null) {
                throw new IllegalArgumentException("line " + line.getSku() + " has no unit price");
            }
            total = total.add(line.getUnitPrice().multiply(BigDecimal.valueOf(line.getQuantity())));
        }
        return total.setScale(SCALE, RoundingMode.HALF_UP);
    }

    /**
     * The lines with their unit prices from {@code pricesBySku}.
     *
     * @throws IllegalArgumentException if a line's SKU has no price, or a price is negative or has more than 2
     *                                  fraction digits (the inventory's answer does not fit this order)
     */
    public static List<OrderLine> priced(List<OrderLine> lines, Map<String, BigDecimal> pricesBySku) {
        return lines.stream().map(line -> {
            BigDecimal price = pricesBySku.get(line.getSku());
            if (price == null) {
                throw new IllegalArgumentException("no unit price for SKU " + line.getSku());
            }
            if (price.signum() < 0 || price.stripTrailingZeros().scale() > SCALE) {
                throw new IllegalArgumentException("unit price " + price.toPlainString() + " of SKU " + line.getSku()
                        + " is not an amount (0 or more, at most " + SCALE + " fraction digits)");
            }
            return line.pricedAt(price.setScale(SCALE, RoundingMode.UNNECESSARY));
        }).toList();
    }

    /** Whether {@code amount} is exactly {@code total} (12.5 equals 12.50). */
    public static boolean matches(BigDecimal amount, BigDecimal total) {
        return amount != null && total != null && amount.compareTo(total) == 0;
    }
}
