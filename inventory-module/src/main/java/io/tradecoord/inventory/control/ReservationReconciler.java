package io.tradecoord.inventory.control;

import io.tradecoord.inventory.entity.Reservation;
import io.tradecoord.inventory.entity.ReservationHeld;
import io.tradecoord.inventory.entity.ReservationStatus;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.servlet.ServletContext;
import jakarta.transaction.Transactional;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Makes sure no unit stays reserved for an order that has ended. A reservation is released or sold by the order's
 * {@code order.cancelled} or {@code order.paid}; if that event was lost to the dead letters, nothing else would
 * ever touch the reservation. So every {@code inventory.reconciliation-interval} this asks about each reservation
 * held longer than {@code inventory.reservation-check-after} (and not asked about within that time):
 * {@code inventory.reservation-held}, to which the order module answers with the order's final event again, which
 * {@link ReservationHandler} applies (once: the reservation's status makes a repeat change nothing). An order that
 * is still open (pending, confirmed and not yet due) gets no answer, and its reservation is asked about again later.
 * <p>Bound: a reservation whose order ended is released within check-after + interval + the events' delivery, once
 * both modules deliver events again. Several nodes may run this at once: the conditional update of
 * {@code checked_at} lets one of them ask.
 */
@ApplicationScoped
public class ReservationReconciler {

    private static final System.Logger LOG = System.getLogger(ReservationReconciler.class.getName());
    private static final int PAGE = 100;

    @PersistenceContext(unitName = "inventory")
    EntityManager em;

    @Inject
    InventorySettings settings;

    @Inject
    Event<ReservationHeld> held;

    @Inject
    ReservationReconciler self;

    private ScheduledFuture<?> task;
    private volatile boolean running;

    // no JPA work here: on Payara, persistence beans first created during this event fail later
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) throws NamingException {
        if (task != null || !isThisModule(started)) {
            return;
        }
        Duration interval = settings.reconciliationInterval();
        // the module's own executor: its tasks run with the module's class loader, JNDI and transactions
        ManagedScheduledExecutorService scheduler = (ManagedScheduledExecutorService) new InitialContext()
                .lookup("java:comp/DefaultManagedScheduledExecutorService");
        running = true;
        task = scheduler.scheduleWithFixedDelay(this::round, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "held reservations checked after " + settings.reservationCheckAfter() + ", looked for every " + interval);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (task != null && isThisModule(stopping)) {
            running = false;
            task.cancel(false);
            task = null;
        }
    }

    /** One round; never throws a RuntimeException, since a scheduled task that throws is not run again. */
    void round() {
        try {
            int asked;
            do {
                asked = self.askAboutDue(Clock.now());
            } while (asked == PAGE && running);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reservation check failed, trying again in " + settings.reconciliationInterval() + ": " + e, e);
        }
    }

    /** Asks about one page of held reservations due for a check, in one transaction; returns how many were due. */
    @Transactional
    public int askAboutDue(Instant now) {
        OffsetDateTime dueBefore = now.minus(settings.reservationCheckAfter()).atOffset(ZoneOffset.UTC);
        List<Reservation> due = em.createQuery("SELECT r FROM Reservation r WHERE r.status = :reserved AND r.updatedAt < :due"
                        + " AND (r.checkedAt IS NULL OR r.checkedAt < :due) ORDER BY r.updatedAt", Reservation.class)
                .setParameter("reserved", ReservationStatus.RESERVED)
                .setParameter("due", dueBefore)
                .setMaxResults(PAGE)
                .getResultList();
        for (Reservation reservation : due) {
            // only this column, and only if no other node asked meanwhile
            int claimed = em.createQuery("UPDATE Reservation r SET r.checkedAt = :now WHERE r.orderId = :orderId AND r.status = :reserved"
                            + " AND (r.checkedAt IS NULL OR r.checkedAt < :due)")
                    .setParameter("now", now.atOffset(ZoneOffset.UTC))
                    .setParameter("orderId", reservation.getOrderId())
                    .setParameter("reserved", ReservationStatus.RESERVED)
                    .setParameter("due", dueBefore)
                    .executeUpdate();
            if (claimed == 1) {
                held.fire(new ReservationHeld(reservation.getOrderId(), reservation.getUpdatedAt()));
                LOG.log(Level.DEBUG, () -> "reservation of order " + reservation.getOrderId() + " held since " + reservation.getUpdatedAt()
                        + ": asked whether it is still needed");
            }
        }
        return due.size();
    }

    /** A server that shares CDI across the EAR also tells this bean when other modules start and stop. */
    private static boolean isThisModule(Object lifecycleEvent) {
        return !(lifecycleEvent instanceof ServletContext context)
                || context.getClassLoader() == ReservationReconciler.class.getClassLoader();
    }
}
