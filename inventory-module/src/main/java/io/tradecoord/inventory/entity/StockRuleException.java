package io.tradecoord.inventory.entity;

/** A stock change that would break a rule of the stock (available below 0, more released or sold than reserved). */
public class StockRuleException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public StockRuleException(String message) {
        super(message);
    }
}
