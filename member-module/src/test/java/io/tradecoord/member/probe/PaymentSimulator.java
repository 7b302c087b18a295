package io.tradecoord.member.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;

/** Test-only stand-in for the order module: fires order.paid in a transaction of its own, as a producer does. */
@ApplicationScoped
public class PaymentSimulator {

    @Inject
    Event<PaidOrder> paid;

    @Transactional
    public void pay(String orderId, String memberId, BigDecimal total) {
        paid.fire(new PaidOrder(orderId, memberId, total, Instant.now()));
    }
}
