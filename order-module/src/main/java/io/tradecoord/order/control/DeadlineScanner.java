package io.tradecoord.order.control;

import io.tradecoord.coordination.lock.LockTimeoutException;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import io.tradecoord.order.control.OrderQueries.Deadline;
import io.tradecoord.order.control.OrderQueries.Overdue;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Ends the orders that are past a deadline ({@link OrderQueries.Deadline}): PENDING orders the inventory did not
 * answer by {@code confirmBy}, CONFIRMED orders not paid by {@code payBy}. Every {@code order.expiry-scan-interval}
 * it walks the overdue orders of each deadline, most overdue first, and cancels each through
 * {@link OrderTransitions#cancelIfOverdue}, which re-checks under the order's lock (a payment or the inventory's
 * answer may have won meanwhile). Several nodes may scan at once: the lock makes each order's outcome single.
 * <p>
 * One round reads every order overdue at its start, page by page, so orders that fail do not hide the ones after
 * them. An order whose lock is busy is tried again next round; one that fails otherwise (its row carries a newer
 * fencing token than this lock backend grants, the database refused...) is logged and backed off
 * ({@link CancelBackoffs}), so that it costs one attempt per backoff instead of one per round.
 */
@ApplicationScoped
public class DeadlineScanner {

    private static final System.Logger LOG = System.getLogger(DeadlineScanner.class.getName());
    private static final int PAGE = 100;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED_FAILURES = 10_000;

    @Inject
    OrderSettings settings;

    @Inject
    OrderQueries queries;

    @Inject
    OrderTransitions transitions;

    private ScheduledFuture<?> task;
    private CancelBackoffs backoffs;
    /** False once the module stops: a round in progress ends at the next order instead of failing through its pages. */
    private volatile boolean running;

    // no JPA work here: on Payara, persistence beans first created during this event fail later
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) throws NamingException {
        if (task != null || !isThisModule(started)) {
            return;
        }
        Duration interval = settings.expiryScanInterval(); // a wrong value fails the start, naming the key
        settings.paymentTimeout();
        settings.placementTimeout();
        backoffs = new CancelBackoffs(interval, Collections.max(List.of(interval, MAX_BACKOFF)), MAX_REMEMBERED_FAILURES);
        // the module's own executor: its tasks run with the module's class loader, JNDI and transactions
        ManagedScheduledExecutorService scheduler = (ManagedScheduledExecutorService) new InitialContext()
                .lookup("java:comp/DefaultManagedScheduledExecutorService");
        running = true;
        task = scheduler.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "order deadlines: confirmed within " + settings.placementTimeout() + ", paid within "
                + settings.paymentTimeout() + ", checked every " + interval);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (task != null && isThisModule(stopping)) {
            running = false;
            task.cancel(false);
            task = null;
        }
    }

    /** One round; never throws a RuntimeException, since a scheduled task that throws is not run again. */
    void scan() {
        try {
            Instant roundStart = Clock.now(); // orders falling due during the round wait for the next one
            for (Deadline deadline : Deadline.values()) {
                scan(deadline, roundStart);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deadline scan failed, trying again in " + settings.expiryScanInterval() + ": " + e, e);
        } catch (Error e) {
            LOG.log(Level.ERROR, "deadline scan stopped: no order is cancelled automatically any more", e);
            throw e;
        }
    }

    private void scan(Deadline deadline, Instant roundStart) {
        Optional<Overdue> after = Optional.empty();
        List<Overdue> page;
        do {
            page = queries.overdue(deadline, roundStart, after, PAGE);
            for (Overdue order : page) {
                if (!running) {
                    return;
                }
                if (backoffs.mayTry(order.orderId(), Clock.now())) {
                    cancel(order.orderId());
                }
            }
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1));
        } while (page.size() == PAGE && running);
    }

    private void cancel(String orderId) {
        try {
            if (transitions.cancelIfOverdue(orderId) == Outcome.APPLIED) {
                LOG.log(Level.INFO, () -> "order " + orderId + " cancelled: past its deadline (" + Clock.now() + ")");
            }
            backoffs.forget(orderId);
        } catch (RuntimeException e) {
            if (causedBy(e, LockTimeoutException.class)) {
                // a payment or another node holds the order right now: the next round looks again
                LOG.log(Level.DEBUG, () -> "order " + orderId + " busy, not cancelled this round: " + e);
                return;
            }
            CancelBackoffs.Failure failure = backoffs.failed(orderId, Clock.now());
            if (failure.worthReporting()) {
                String hint = causedBy(e, StaleFencingTokenException.class)
                        ? " (the row was written under a newer fencing token than the lock backend grants: was the lock"
                                + " backend or the ZooKeeper ensemble replaced? see docs/locks.md, \"Switching backends\")"
                        : "";
                LOG.log(Level.WARNING, "order " + orderId + " is overdue but could not be cancelled (attempt " + failure.attempts()
                        + ", next at " + failure.retryAt() + "): " + e + hint);
            }
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    /** A server that shares CDI across the EAR also tells this bean when other modules start and stop. */
    private static boolean isThisModule(Object lifecycleEvent) {
        return !(lifecycleEvent instanceof ServletContext context)
                || context.getClassLoader() == DeadlineScanner.class.getClassLoader();
    }
}
