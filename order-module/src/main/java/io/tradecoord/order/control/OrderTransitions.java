package io.tradecoord.order.control;

import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.TransactionLocks;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.order.entity.IllegalTransitionException;
import io.tradecoord.order.entity.OrderCancelled;
import io.tradecoord.order.entity.OrderConfirmed;
import io.tradecoord.order.entity.OrderPaid;
import io.tradecoord.order.entity.OrderRejected;
import io.tradecoord.order.entity.OrderShipped;
import io.tradecoord.order.entity.OrderStatus;
import io.tradecoord.order.entity.OrderTotals;
import io.tradecoord.order.entity.PurchaseOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Every status change of an order. Each one holds the order's lock {@code order:<id>} (taken before its
 * transaction begins, or, inside an event delivery's transaction, kept until that transaction ends), re-reads
 * the order under a row lock, writes it with the lock's fencing token and publishes its event and history row in
 * the same transaction. So a payment and the automatic cancel of the same order are serialized: whichever comes
 * second sees the other's result and is refused. If the order belongs to a batch, the batch follows in the same
 * transaction: it observes the {@link OrderMoved} fired here.
 * <p>The methods called from REST throw ({@link OrderNotFoundException}, {@link IllegalTransitionException},
 * {@link PaymentMismatchException}); those called from event handlers and the deadline scanner return what
 * happened instead, because an exception would roll the event delivery back and retry it.
 */
@ApplicationScoped
public class OrderTransitions {

    static final String ORDER_LOCK = "order:{orderId}";
    static final long LOCK_WAIT_MILLIS = 5_000;
    private static final String NOT_PAID = "not paid by ";
    private static final String NOT_CONFIRMED = "not confirmed by ";

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Inject
    OrderSettings settings;

    @Inject
    Event<OrderConfirmed> confirmed;

    @Inject
    Event<OrderRejected> rejected;

    @Inject
    Event<OrderPaid> paid;

    @Inject
    Event<OrderCancelled> cancelled;

    @Inject
    Event<OrderShipped> shipped;

    @Inject
    Event<OrderMoved> moved;

    /** PENDING → CONFIRMED on inventory.reserved; payBy = now + the payment timeout. */
    @Locked(key = ORDER_LOCK, waitMillis = LOCK_WAIT_MILLIS)
    @Transactional
    public Outcome confirm(@LockKey("orderId") String orderId, Map<String, BigDecimal> unitPricesBySku) {
        PurchaseOrder current = lockedOrNull(orderId);
        if (current == null) {
            return Outcome.UNKNOWN_ORDER;
        }
        if (!current.getStatus().canMoveTo(OrderStatus.CONFIRMED)) {
            return Outcome.NOT_APPLICABLE;
        }
        Instant now = Clock.now();
        PurchaseOrder order = write(orderId, o -> o.confirm(unitPricesBySku, now.plus(settings.paymentTimeout()), now));
        confirmed.fire(new OrderConfirmed(orderId, order.getMemberId(), order.getTotal(), order.getPayBy()));
        moved.fire(new OrderMoved(order));
        return Outcome.APPLIED;
    }

    /** PENDING → REJECTED on inventory.rejected. */
    @Locked(key = ORDER_LOCK, waitMillis = LOCK_WAIT_MILLIS)
    @Transactional
    public Outcome reject(@LockKey("orderId") String orderId, String reason) {
        PurchaseOrder current = lockedOrNull(orderId);
        if (current == null) {
            return Outcome.UNKNOWN_ORDER;
        }
        if (!current.getStatus().canMoveTo(OrderStatus.REJECTED)) {
            return Outcome.NOT_APPLICABLE;
        }
        PurchaseOrder order = write(orderId, o -> o.reject(reason, Clock.now()));
        rejected.fire(new OrderRejected(orderId, order.getMemberId(), order.getReason()));
        moved.fire(new OrderMoved(order));
        return Outcome.APPLIED;
    }

    /**
     * CONFIRMED → PAID, if {@code amount} is the total and the deadline has not passed. A payment after the
     * deadline cancels the order (as the scanner would have) and is refused.
     */
    @Locked(key = ORDER_LOCK, waitMillis = LOCK_WAIT_MILLIS)
    @Transactional
    public PaymentResult pay(@LockKey("orderId") String orderId, BigDecimal amount) {
        PurchaseOrder current = locked(orderId);
        current.requireMove(OrderStatus.PAID);
        Instant now = Clock.now();
        if (current.isOverdue(now)) {
            return new PaymentResult(OrderView.of(cancelAutomatically(orderId, current, now)), true);
        }
        if (!OrderTotals.matches(amount, current.getTotal())) {
            throw new PaymentMismatchException(orderId, amount, current.getTotal());
        }
        PurchaseOrder order = write(orderId, o -> o.pay(now));
        paid.fire(new OrderPaid(orderId, order.getMemberId(), order.getTotal(), now));
        moved.fire(new OrderMoved(order));
        return new PaymentResult(OrderView.of(order), false);
    }

    /** PAID → SHIPPED. */
    @Locked(key = ORDER_LOCK, waitMillis = LOCK_WAIT_MILLIS)
    @Transactional
    public OrderView ship(@LockKey("orderId") String orderId) {
        locked(orderId).requireMove(OrderStatus.SHIPPED);
        Instant now = Clock.now();
        PurchaseOrder order = write(orderId, o -> o.ship(now));
        shipped.fire(new OrderShipped(orderId, order.getMemberId(), now));
        moved.fire(new OrderMoved(order));
        return OrderView.of(order);
    }

    /** PENDING or CONFIRMED → CANCELLED, on the client's request. */
    @Locked(key = ORDER_LOCK, waitMillis = LOCK_WAIT_MILLIS)
    @Transactional
    public OrderView cancel(@LockKey("orderId") String orderId, String reason) {
        locked(orderId).requireMove(OrderStatus.CANCELLED);
        String why = reason == null || reason.isBlank() ? "cancelled on request" : reason;
        PurchaseOrder order = write(orderId, o -> o.cancel(why, Clock.now()));
        cancelled.fire(new OrderCancelled(orderId, order.getMemberId(), order.getReason(), false));
        moved.fire(new OrderMoved(order));
        return OrderView.of(order);
    }

    /**
     * CANCELLED (automatic) if the order is past a deadline: CONFIRMED and unpaid past {@code payBy}, or PENDING
     * (the inventory's answer never came) past {@code confirmBy}. Checked again under the lock, since a payment or
     * the answer may have won meanwhile. The cancel's {@code order.cancelled} releases what the inventory reserved.
     */
    @Locked(key = ORDER_LOCK, waitMillis = LOCK_WAIT_MILLIS)
    @Transactional
    public Outcome cancelIfOverdue(@LockKey("orderId") String orderId) {
        PurchaseOrder current = lockedOrNull(orderId);
        if (current == null) {
            return Outcome.UNKNOWN_ORDER;
        }
        Instant now = Clock.now();
        if (current.isOverdue(now)) {
            cancelAutomatically(orderId, current, now);
            return Outcome.APPLIED;
        }
        if (current.isUnconfirmedPastDeadline(now)) {
            cancelAutomatically(orderId, NOT_CONFIRMED + current.getConfirmBy() + ": the inventory did not answer in time", now);
            return Outcome.APPLIED;
        }
        return Outcome.NOT_APPLICABLE;
    }

    private PurchaseOrder cancelAutomatically(String orderId, PurchaseOrder current, Instant now) {
        return cancelAutomatically(orderId, NOT_PAID + current.getPayBy(), now);
    }

    /** Whether a cancelled order's reason is one of the automatic cancels' (past a deadline). */
    static boolean isAutomaticCancel(String reason) {
        return reason != null && (reason.startsWith(NOT_PAID) || reason.startsWith(NOT_CONFIRMED));
    }

    private PurchaseOrder cancelAutomatically(String orderId, String why, Instant now) {
        PurchaseOrder order = write(orderId, o -> o.cancel(why, now));
        cancelled.fire(new OrderCancelled(orderId, order.getMemberId(), order.getReason(), true));
        moved.fire(new OrderMoved(order));
        return order;
    }

    /** The order, read under a row lock, or null. */
    private PurchaseOrder lockedOrNull(String orderId) {
        return FencedWrites.readLocked(em, PurchaseOrder.class, orderId);
    }

    private PurchaseOrder locked(String orderId) {
        PurchaseOrder order = lockedOrNull(orderId);
        if (order == null) {
            throw new OrderNotFoundException(orderId);
        }
        return order;
    }

    /** The change, fenced with the token of the order lock this call holds. */
    private PurchaseOrder write(String orderId, Consumer<PurchaseOrder> change) {
        long token = TransactionLocks.current().fencingToken();
        return FencedWrites.update(em, PurchaseOrder.class, orderId, token, change);
    }
}
