package io.tradecoord.order.control;

/**
 * The answer to a payment: the order PAID, or, when the payment came after the deadline, the order CANCELLED
 * ({@code deadlinePassed}); the cancellation is committed, the payment refused.
 */
public record PaymentResult(OrderView order, boolean deadlinePassed) {
}
