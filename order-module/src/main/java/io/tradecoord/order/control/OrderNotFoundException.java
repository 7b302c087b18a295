package io.tradecoord.order.control;

public class OrderNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrderNotFoundException(String orderId) {
        super("there is no order " + orderId, null, false, false);
    }
}
