package io.tradecoord.order.batch.control;

import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.TransactionLocks;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.order.batch.entity.BatchItem;
import io.tradecoord.order.batch.entity.OrderBatch;
import io.tradecoord.order.control.Clock;
import io.tradecoord.order.control.NewOrder;
import io.tradecoord.order.control.OrderMoved;
import io.tradecoord.order.control.OrderPlacement;
import io.tradecoord.order.control.PlacementBacklog;
import io.tradecoord.order.control.PlacementBacklogFullException;
import io.tradecoord.order.entity.PurchaseOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Batches of dependent orders, executed in topological order. The batch is stored (it survives a restart) and
 * moves on in the transaction of the order transition that makes it move (an order of it confirmed, rejected or
 * cancelled), under the batch's lock {@code order-batch:<id>} and with a fenced write of its row: two of its orders
 * settling at once advance it one after the other.
 */
@ApplicationScoped
public class OrderBatches {

    /** The most orders one batch may hold (documented limit; a larger batch is refused with 422). */
    public static final int MAX_ORDERS = 100;

    private static final System.Logger LOG = System.getLogger(OrderBatches.class.getName());

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Inject
    OrderPlacement placement;

    @Inject
    OrderBatches self;

    @Inject
    PlacementBacklog backlog;

    /**
     * Validates the graph (nothing is stored or placed if it is invalid), stores the batch and places the orders
     * that depend on nothing.
     *
     * @throws InvalidBatchException naming the unknown or duplicate reference, the cycle, or the size
     * @throws PlacementBacklogFullException if {@code order.max-pending} orders already wait for an answer
     */
    @Transactional
    public BatchView start(NewBatch request) {
        DependencyGraph graph = graphOf(request);
        backlog.requireRoomFor(request.orders().size());
        String batchId = UUID.randomUUID().toString();
        // a new id nobody knows yet: no lock to hold; fencing token 0, any later grant's token is larger
        OrderBatch batch = new OrderBatch(batchId, request.memberId(), Clock.now());
        em.persist(batch);
        em.flush(); // the items refer to the batch row, and EclipseLink does not order inserts of unrelated entities
        for (int position = 0; position < request.orders().size(); position++) {
            NewBatch.Order order = request.orders().get(position);
            em.persist(new BatchItem(batchId, order.reference(), position, order.dependsOn(),
                    order.lines().stream().map(l -> new BatchItem.Line(l.sku(), l.quantity())).toList()));
        }
        em.flush();
        advance(batch, graph, items(batchId));
        return view(batch, graph, items(batchId));
    }

    @Transactional
    public Optional<BatchView> find(String batchId) {
        OrderBatch batch = em.find(OrderBatch.class, batchId);
        if (batch == null) {
            return Optional.empty();
        }
        List<BatchItem> items = items(batchId);
        return Optional.of(view(batch, graphOf(items), items));
    }

    /**
     * Called in the transaction of every order transition: if the order belongs to a batch, the batch follows.
     * (The order's batch never changes, so it is looked up before taking the batch's lock.)
     */
    void orderMoved(@Observes OrderMoved moved) {
        PurchaseOrder order = moved.order();
        List<String> batchIds = em.createQuery("SELECT i.batchId FROM BatchItem i WHERE i.orderId = :orderId", String.class)
                .setParameter("orderId", order.getId())
                .getResultList();
        if (!batchIds.isEmpty()) {
            self.follow(batchIds.get(0), order.getId());
        }
    }

    /** Joins the order transition's transaction; the batch lock is held until it ends. */
    @Locked(key = "order-batch:{batchId}", waitMillis = 10_000)
    @Transactional(Transactional.TxType.MANDATORY)
    public void follow(@LockKey("batchId") String batchId, String orderId) {
        Instant now = Clock.now();
        OrderBatch batch = FencedWrites.update(em, OrderBatch.class, batchId, TransactionLocks.current().fencingToken(), b -> b.touch(now));
        List<BatchItem> items = items(batchId);
        PurchaseOrder order = em.find(PurchaseOrder.class, orderId);
        items.stream().filter(i -> orderId.equals(i.getOrderId())).findFirst()
                .ifPresent(item -> item.follow(order.getStatus(), order.getReason()));
        advance(batch, graphOf(items), items);
    }

    /** Places what is ready and skips what can no longer be placed, until nothing changes (a placement may be refused at once). */
    private void advance(OrderBatch batch, DependencyGraph graph, List<BatchItem> items) {
        Map<String, BatchItem> byReference = new LinkedHashMap<>();
        items.forEach(item -> byReference.put(item.getReference(), item));
        for (BatchPlanner.Next next = BatchPlanner.next(graph, states(byReference)); !next.isEmpty();
                next = BatchPlanner.next(graph, states(byReference))) {
            next.toSkip().forEach((reference, why) -> byReference.get(reference).skip(why));
            for (String reference : next.toPlace()) {
                BatchItem item = byReference.get(reference);
                NewOrder order = new NewOrder(batch.getMemberId(),
                        item.getLines().stream().map(l -> new NewOrder.Line(l.sku(), l.quantity())).toList());
                PurchaseOrder placed = placement.placeInBatch(order);
                item.placed(placed.getId(), placed.getStatus(), placed.getReason());
                LOG.log(Level.DEBUG, () -> "batch " + batch.getId() + ": placed \"" + reference + "\" as order " + placed.getId());
            }
        }
    }

    private static Map<String, BatchPlanner.State> states(Map<String, BatchItem> byReference) {
        Map<String, BatchPlanner.State> states = new LinkedHashMap<>();
        byReference.forEach((reference, item) -> states.put(reference, new BatchPlanner.State(item.getStatus(), item.getOrderId(), item.getReason())));
        return states;
    }

    private List<BatchItem> items(String batchId) {
        return em.createQuery("SELECT i FROM BatchItem i WHERE i.batchId = :batchId ORDER BY i.listPosition", BatchItem.class)
                .setParameter("batchId", batchId)
                .getResultList();
    }

    private static DependencyGraph graphOf(NewBatch request) {
        try {
            return DependencyGraph.of(request.orders().stream()
                    .map(o -> new DependencyGraph.Node(o.reference(), o.dependsOn())).toList(), MAX_ORDERS);
        } catch (InvalidDependencyGraphException e) {
            throw new InvalidBatchException(e.getMessage(), e.problems());
        }
    }

    private static DependencyGraph graphOf(List<BatchItem> items) {
        return DependencyGraph.of(items.stream().map(i -> new DependencyGraph.Node(i.getReference(), i.getDependsOn())).toList(), MAX_ORDERS);
    }

    private static BatchView view(OrderBatch batch, DependencyGraph graph, List<BatchItem> items) {
        return new BatchView(batch.getId(), batch.getMemberId(), BatchPlanner.overall(items.stream().map(BatchItem::getStatus).toList()),
                graph.topologicalOrder(),
                items.stream().map(i -> new BatchView.Item(i.getReference(), i.getDependsOn(), i.getOrderId(), i.getStatus(), i.getReason())).toList(),
                batch.getCreatedAt(), batch.getUpdatedAt());
    }
}
