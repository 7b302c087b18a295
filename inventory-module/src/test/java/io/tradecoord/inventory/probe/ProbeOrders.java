package io.tradecoord.inventory.probe;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Test-only: plays the order module, firing its events inside a transaction as a module does. */
@ApplicationScoped
public class ProbeOrders {

    @Inject
    Event<ProbeOrderEvents.Placed> placed;

    @Inject
    Event<ProbeOrderEvents.Cancelled> cancelled;

    @Inject
    Event<ProbeOrderEvents.Paid> paid;

    @Transactional
    public void place(String orderId, List<ProbeOrderEvents.Line> lines) {
        placed.fire(new ProbeOrderEvents.Placed(orderId, "member-1", lines, Instant.now()));
    }

    @Transactional
    public void cancel(String orderId, boolean automatic) {
        cancelled.fire(new ProbeOrderEvents.Cancelled(orderId, "member-1", automatic ? "not paid in time" : "customer asked", automatic));
    }

    @Transactional
    public void pay(String orderId) {
        paid.fire(new ProbeOrderEvents.Paid(orderId, "member-1", new BigDecimal("1.00"), Instant.now()));
    }
}
