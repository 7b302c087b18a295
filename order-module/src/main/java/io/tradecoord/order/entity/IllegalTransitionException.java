package io.tradecoord.order.entity;

/** An order was asked to move to a status that cannot follow its current one. Nothing was changed. */
public class IllegalTransitionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String orderId;
    private final OrderStatus current;
    private final OrderStatus requested;

    public IllegalTransitionException(String orderId, OrderStatus current, OrderStatus requested) {
        super("order " + orderId + " is " + current + " and cannot become " + requested);
        this.orderId = orderId;
        this.current = current;
        this.requested = requested;
    }

    public String orderId() {
        return orderId;
    }

    public OrderStatus current() {
        return current;
    }

    public OrderStatus requested() {
        return requested;
    }
}
