package io.tradecoord.order.control;

/** An idempotency key already used for a different request; nothing was placed. */
public class IdempotencyKeyReusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IdempotencyKeyReusedException(String key, String orderId) {
        super("the Idempotency-Key '" + key + "' was used for order " + orderId + " with a different request; use a new key for a new order",
                null, false, false);
    }
}
