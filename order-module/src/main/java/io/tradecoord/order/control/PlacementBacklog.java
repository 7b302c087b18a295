package io.tradecoord.order.control;

import io.tradecoord.order.entity.OrderStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Backpressure for placement: the orders still PENDING are those the saga has not answered yet; once there are
 * {@code order.max-pending} of them, new orders are refused ({@link PlacementBacklogFullException}, a 503 with
 * {@code Retry-After} at the edge) instead of accepted to be confirmed minutes later. The count is the database's
 * (so it spans every node), read at most every {@value #RECOUNT_MILLIS} ms per node; in between, the node adds the
 * orders it placed itself, so a burst cannot overshoot the ceiling by more than what the other nodes accepted meanwhile.
 */
@ApplicationScoped
public class PlacementBacklog {

    static final long RECOUNT_MILLIS = 100;

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Inject
    OrderSettings settings;

    private final AtomicLong pending = new AtomicLong();
    private volatile long countedAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    private final AtomicBoolean counting = new AtomicBoolean();

    /**
     * Called in the placing transaction before {@code orders} new orders are stored.
     *
     * @throws PlacementBacklogFullException if the PENDING orders reached {@code order.max-pending}
     */
    public void requireRoomFor(int orders) {
        long max = settings.maxPending();
        long waiting = current();
        if (waiting + orders > max && waiting > 0) { // a batch larger than the ceiling still goes when nothing waits
            throw new PlacementBacklogFullException(waiting, max);
        }
        pending.addAndGet(orders);
    }

    private long current() {
        long now = System.nanoTime();
        if (now - countedAt >= TimeUnit.MILLISECONDS.toNanos(RECOUNT_MILLIS) && counting.compareAndSet(false, true)) {
            try {
                pending.set(em.createQuery("SELECT COUNT(o) FROM PurchaseOrder o WHERE o.status = :pending", Long.class)
                        .setParameter("pending", OrderStatus.PENDING).getSingleResult());
                countedAt = now;
            } finally {
                counting.set(false);
            }
        }
        return pending.get();
    }
}
