package io.tradecoord.order.testsupport;

import io.tradecoord.order.entity.incoming.InventoryRejected;
import io.tradecoord.order.entity.incoming.InventoryReserved;
import io.tradecoord.order.entity.incoming.MemberRegistered;
import io.tradecoord.order.entity.incoming.MemberUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Test only: plays the inventory and member modules' parts. It fires their events in a transaction, so they go
 * through this module's outbox and the in-JVM bus to the order module's {@code @Incoming} observers, exactly as
 * the other modules' events would.
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

    @Inject
    Event<MemberRegistered> registered;

    @Inject
    Event<MemberUpdated> updated;

    @Transactional
    public void registered(MemberRegistered member) {
        registered.fire(member);
    }

    @Transactional
    public void updated(MemberUpdated member) {
        updated.fire(member);
    }
}
