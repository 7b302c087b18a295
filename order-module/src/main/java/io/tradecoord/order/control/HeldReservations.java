package io.tradecoord.order.control;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.order.entity.OrderCancelled;
import io.tradecoord.order.entity.OrderPaid;
import io.tradecoord.order.entity.OrderStatus;
import io.tradecoord.order.entity.PurchaseOrder;
import io.tradecoord.order.entity.StatusChange;
import io.tradecoord.order.entity.incoming.ReservationHeld;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Answers the inventory's {@code inventory.reservation-held}: if the order has ended, its final event is announced
 * again, so that a release or sale lost on the way (a dead-lettered {@code order.cancelled} or {@code order.paid})
 * happens after all. Cancelled or rejected: {@code order.cancelled}; paid or shipped: {@code order.paid}; still
 * pending or confirmed: no answer (its deadline ends it, and the inventory asks again later). Every consumer of those
 * topics applies an order's event once, so a repeat changes nothing where the first one arrived. Runs in the bus's
 * delivery transaction; reads the order without its lock, since only a final status, which never changes, is answered.
 */
@ApplicationScoped
public class HeldReservations {

    private static final System.Logger LOG = System.getLogger(HeldReservations.class.getName());

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Inject
    Event<OrderCancelled> cancelled;

    @Inject
    Event<OrderPaid> paid;

    void onHeld(@Observes @Incoming ReservationHeld held) {
        PurchaseOrder order = held.orderId() == null ? null : em.find(PurchaseOrder.class, held.orderId());
        if (order == null) {
            LOG.log(Level.WARNING, () -> "the inventory holds a reservation for order " + held.orderId() + ", which this module does not know: left as it is");
            return;
        }
        OrderStatus status = order.getStatus();
        switch (status) {
            case CANCELLED, REJECTED -> cancelled.fire(new OrderCancelled(order.getId(), order.getMemberId(),
                    order.getReason(), OrderTransitions.isAutomaticCancel(order.getReason())));
            case PAID, SHIPPED -> paid.fire(new OrderPaid(order.getId(), order.getMemberId(), order.getTotal(), paidAt(order)));
            case PENDING, CONFIRMED -> LOG.log(Level.DEBUG, () -> "order " + order.getId() + " is " + status + ": its reservation is still needed");
        }
        if (status != OrderStatus.PENDING && status != OrderStatus.CONFIRMED) {
            LOG.log(Level.INFO, () -> "order " + order.getId() + " is " + status + " but the inventory still held its reservation since "
                    + held.heldSince() + ": its final event is announced again");
        }
    }

    private static Instant paidAt(PurchaseOrder order) {
        return order.getHistory().stream().filter(change -> change.getStatus() == OrderStatus.PAID).map(StatusChange::getAt)
                .findFirst().orElse(order.getUpdatedAt());
    }
}
