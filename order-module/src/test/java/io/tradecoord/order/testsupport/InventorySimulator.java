package io.tradecoord.order.testsupport;

import io.tradecoord.order.entity.InventoryRejected;
import io.tradecoord.order.entity.InventoryReserved;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Test only: plays the inventory module's part. It fires the inventory's answers in a transaction, so they go
 * through this module's outbox and the in-JVM bus to the order module's {@code @Incoming} observers, exactly as
 * the inventory module's events would.
 */
@ApplicationScoped
public class InventorySimulator {

    @Inject
    Event<InventoryReserved> reserved;

    @Inject
    Event<InventoryRejected> rejected;

    @Transactional
    public void reserved(InventoryReserved answer) {
        reserved.fire(answer);
    }

    @Transactional
    public void rejected(InventoryRejected answer) {
        rejected.fire(answer);
    }
}
