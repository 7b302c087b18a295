package io.tradecoord.order.control;

import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.order.entity.OrderLine;
import io.tradecoord.order.entity.OrderPlaced;
import io.tradecoord.order.entity.OrderRejected;
import io.tradecoord.order.entity.PurchaseOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Places orders: stores them PENDING and publishes order.placed in the same transaction; an order for a member this
 * module does not know is stored REJECTED at once and publishes order.rejected instead.
 */
@ApplicationScoped
public class OrderPlacement {

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Inject
    Event<OrderPlaced> placed;

    @Inject
    Event<OrderRejected> rejected;

    @Inject
    KnownMembers members;

    @Transactional
    public Placement place(NewOrder request) {
        return new Placement(OrderView.of(create(request, null)), false);
    }

    /**
     * Places the order once per idempotency key. The lock on the key makes concurrent retries wait for the first
     * one's commit and then find its order; the unique column is the backstop.
     *
     * @throws IdempotencyKeyReusedException if the key was used for a different request
     */
    @Locked(key = "order-request:{idempotencyKey}", waitMillis = 10_000)
    @Transactional
    public Placement placeOnce(@LockKey("idempotencyKey") String idempotencyKey, NewOrder request) {
        List<PurchaseOrder> earlier = em.createQuery("SELECT o FROM PurchaseOrder o WHERE o.idempotencyKey = :key", PurchaseOrder.class)
                .setParameter("key", idempotencyKey)
                .getResultList();
        if (!earlier.isEmpty()) {
            PurchaseOrder first = earlier.get(0);
            if (!first.getRequestFingerprint().equals(request.fingerprint())) {
                throw new IdempotencyKeyReusedException(idempotencyKey, first.getId());
            }
            return new Placement(OrderView.of(first), true);
        }
        return new Placement(OrderView.of(create(request, idempotencyKey)), false);
    }

    /** Places one order of a batch, in the caller's transaction (the batch's progress). */
    public PurchaseOrder placeInBatch(NewOrder request) {
        return create(request, null);
    }

    private PurchaseOrder create(NewOrder request, String idempotencyKey) {
        Instant now = Now.instant();
        String id = UUID.randomUUID().toString();
        List<OrderLine> lines = request.lines().stream().map(l -> new OrderLine(l.sku(), l.quantity(), null)).toList();
        // a new id nobody knows yet: no lock to hold; fencing token 0, any later grant's token is larger
        if (!members.isKnown(request.memberId())) {
            PurchaseOrder refused = PurchaseOrder.refuse(id, request.memberId(), lines, now, idempotencyKey, request.fingerprint(),
                    "unknown member " + request.memberId());
            em.persist(refused);
            rejected.fire(new OrderRejected(id, request.memberId(), refused.getReason()));
            return refused;
        }
        PurchaseOrder order = PurchaseOrder.place(id, request.memberId(), lines, now, idempotencyKey, request.fingerprint());
        em.persist(order);
        placed.fire(new OrderPlaced(id, request.memberId(),
                request.lines().stream().map(l -> new OrderPlaced.Line(l.sku(), l.quantity())).toList(), now));
        return order;
    }
}
