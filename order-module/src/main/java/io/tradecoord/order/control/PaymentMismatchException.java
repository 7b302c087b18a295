package io.tradecoord.order.control;

import java.math.BigDecimal;

/** A payment whose amount is not the order's total; nothing was changed. */
public class PaymentMismatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final BigDecimal total;

    public PaymentMismatchException(String orderId, BigDecimal amount, BigDecimal total) {
        super("order " + orderId + " totals " + total.toPlainString() + ", the payment was " + amount.toPlainString(), null, false, false);
        this.total = total;
    }

    public BigDecimal total() {
        return total;
    }
}
