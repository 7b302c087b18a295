package io.tradecoord.order.control;

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
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Cancels CONFIRMED orders that were not paid by their deadline: every {@code order.expiry-scan-interval} it
 * looks for them and cancels each through {@link OrderTransitions#cancelIfOverdue}, which re-checks under the
 * order's lock (a payment may have won meanwhile). Several nodes may scan at once: the lock makes each order's
 * outcome single.
 */
@ApplicationScoped
public class PaymentDeadlineScanner {

    private static final System.Logger LOG = System.getLogger(PaymentDeadlineScanner.class.getName());
    private static final int BATCH = 100;

    @Inject
    OrderSettings settings;

    @Inject
    OrderQueries queries;

    @Inject
    OrderTransitions transitions;

    private ScheduledFuture<?> task;

    // no JPA work here: on Payara, persistence beans first created during this event fail later
    void start(@Observes @Initialized(ApplicationScoped.class) Object started) throws NamingException {
        if (task != null || !isThisModule(started)) {
            return;
        }
        Duration interval = settings.expiryScanInterval(); // a wrong value fails the start, naming the key
        settings.paymentTimeout();
        // the module's own executor: its tasks run with the module's class loader, JNDI and transactions
        ManagedScheduledExecutorService scheduler = (ManagedScheduledExecutorService) new InitialContext()
                .lookup("java:comp/DefaultManagedScheduledExecutorService");
        task = scheduler.scheduleWithFixedDelay(this::scan, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "order payment deadline: " + settings.paymentTimeout() + ", checked every " + interval);
    }

    void stop(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (task != null && isThisModule(stopping)) {
            task.cancel(false);
            task = null;
        }
    }

    /** One round; never throws, since a scheduled task that throws is not run again. */
    void scan() {
        try {
            List<String> overdue;
            do {
                overdue = queries.overdue(Now.instant(), BATCH);
                int cancelled = 0;
                for (String orderId : overdue) {
                    cancelled += cancel(orderId) ? 1 : 0;
                }
                if (cancelled == 0) {
                    return; // what is left is being handled elsewhere (locked, failing): next round
                }
            } while (overdue.size() == BATCH);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "payment deadline scan failed, trying again in " + settings.expiryScanInterval() + ": " + e, e);
        }
    }

    private boolean cancel(String orderId) {
        try {
            boolean applied = transitions.cancelIfOverdue(orderId) == Outcome.APPLIED;
            if (applied) {
                LOG.log(Level.INFO, () -> "order " + orderId + " cancelled: not paid in time (" + Instant.now() + ")");
            }
            return applied;
        } catch (RuntimeException e) {
            // e.g. the lock is busy (a payment in progress): the next round looks again
            LOG.log(Level.DEBUG, () -> "order " + orderId + " not cancelled this round: " + e);
            return false;
        }
    }

    /** A server that shares CDI across the EAR also tells this bean when other modules start and stop. */
    private static boolean isThisModule(Object lifecycleEvent) {
        return !(lifecycleEvent instanceof ServletContext context)
                || context.getClassLoader() == PaymentDeadlineScanner.class.getClassLoader();
    }
}
