package io.tradecoord.order.control;

import io.tradecoord.order.entity.OrderLine;
import io.tradecoord.order.entity.OrderPlaced;
import io.tradecoord.order.entity.OrderRejected;
import io.tradecoord.order.entity.OrderStatus;
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

    @Inject
    OrderSettings settings;

    @Inject
    PlacementBacklog backlog;

    /** @throws PlacementBacklogFullException if {@code order.max-pending} orders already wait for an answer */
    @Transactional
    public Placement place(NewOrder request) {
        backlog.requireRoomFor(1);
        PurchaseOrder order = create(request);
        return new Placement(OrderView.of(order), order.getStatus() == OrderStatus.REJECTED);
    }

    /** Places one order of a batch, in the caller's transaction (the batch's progress). */
    public PurchaseOrder placeInBatch(NewOrder request) {
        return create(request);
    }

    private PurchaseOrder create(NewOrder request) {
        Instant now = Clock.now();
        String id = UUID.randomUUID().toString();
        List<OrderLine> lines = request.lines().stream().map(l -> new OrderLine(l.sku(), l.quantity(), null)).toList();
        // a new id nobody knows yet: no lock to hold; fencing token 0, any later grant's token is larger
        if (!members.isKnown(request.memberId())) {
            PurchaseOrder refused = PurchaseOrder.refuse(id, request.memberId(), lines, now,
                    "unknown member " + request.memberId());
            em.persist(refused);
            rejected.fire(new OrderRejected(id, request.memberId(), refused.getReason()));
            return refused;
        }
        PurchaseOrder order = PurchaseOrder.place(id, request.memberId(), lines, now, now.plus(settings.placementTimeout()));
        em.persist(order);
        placed.fire(new OrderPlaced(id, request.memberId(),
                request.lines().stream().map(l -> new OrderPlaced.Line(l.sku(), l.quantity())).toList(), now));
        return order;
    }
}
