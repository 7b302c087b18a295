package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.core.BusTables.OutboxRow;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import io.tradecoord.coordination.bus.spi.UnroutableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Moves one module's committed outbox rows to the broker, oldest first, and marks a row sent only once the
 * broker confirmed it. Woken right after each commit that wrote to the outbox, and every sweep interval anyway
 * (rows left by a crash or a broker outage). A round publishes a batch without waiting between events, then
 * waits for the confirms. If the broker is unreachable or refuses an event, the round stops there: that row
 * and all after it stay unsent and go again, in order, at the next round (duplicates that this causes are
 * dropped by the consumers' inbox). An event nobody subscribes to (unroutable) is parked for a while instead,
 * so it does not hold up the others.
 */
final class OutboxRelay implements Runnable {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final Duration CONFIRM_WAIT = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofDays(7);

    private final ModuleHost host;
    private final BusTransport transport;
    private final BusSettings settings;
    private final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private boolean pendingNudge = true; // look at the outbox once at start
    private volatile boolean running = true;
    private Instant lastPurge = Instant.EPOCH;

    OutboxRelay(ModuleHost host, BusTransport transport, BusSettings settings) {
        this.host = host;
        this.transport = transport;
        this.settings = settings;
        this.thread = new Thread(this, "coordination-outbox-relay-" + host.module());
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** A transaction that wrote to the outbox committed: publish now rather than at the next sweep. */
    void nudge() {
        lock.lock();
        try {
            pendingNudge = true;
            nudged.signal();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        while (running) {
            try {
                awaitWork();
                boolean more;
                do {
                    more = publishOneBatch();
                } while (more && running);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "outbox relay of " + host.module() + " failed a round, retrying at the next sweep: " + e);
            }
        }
    }

    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            long left = settings.sweepInterval().toNanos();
            while (!pendingNudge && left > 0 && running) {
                left = nudged.awaitNanos(left);
            }
            pendingNudge = false;
        } finally {
            lock.unlock();
        }
    }

    /** @return true if the batch was full and went out completely (there may be more right away) */
    boolean publishOneBatch() throws Exception {
        Instant now = Instant.now();
        List<OutboxRow> rows = host.inTransaction((connection, dispatcher) ->
                BusTables.pendingOutbox(connection, host.module(), settings.batchSize(), now));
        if (rows.isEmpty()) {
            purgeOldRows();
            return false;
        }
        List<CompletableFuture<Void>> confirms = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            confirms.add(transport.publish(row.envelope()));
        }
        List<Long> sent = new ArrayList<>(rows.size());
        Map<Long, String> parked = new LinkedHashMap<>();
        Long failedRow = null;
        String outage = null;
        for (int i = 0; i < rows.size() && failedRow == null; i++) {
            long seq = rows.get(i).seq();
            try {
                confirms.get(i).get(CONFIRM_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                sent.add(seq);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnroutableException unroutable) {
                    parked.put(seq, unroutable.getMessage()); // nobody subscribes: park it, the others go on
                } else {
                    failedRow = seq;
                    outage = InboundDelivery.describe(e.getCause());
                }
            } catch (TimeoutException e) {
                failedRow = seq;
                outage = "no confirm from the broker within " + CONFIRM_WAIT.toSeconds() + " s";
            }
        }
        Long stoppedAt = failedRow;
        String error = outage;
        Instant retryParkedAt = now.plus(settings.parkTime());
        host.inTransaction((connection, dispatcher) -> {
            if (!sent.isEmpty()) {
                BusTables.markSent(connection, sent, Instant.now());
            }
            for (Map.Entry<Long, String> row : parked.entrySet()) {
                BusTables.markPublishFailed(connection, row.getKey(), row.getValue(), retryParkedAt);
            }
            if (stoppedAt != null) {
                // an outage holds everything up: the rows after this one wait, so no key overtakes its own events
                BusTables.markPublishFailed(connection, stoppedAt, error, null);
            }
            return null;
        });
        if (!parked.isEmpty()) {
            LOG.log(Level.WARNING, "outbox of " + host.module() + ": " + parked.size() + " event(s) parked for "
                    + settings.parkTime().toSeconds() + " s: " + parked.values().iterator().next());
        }
        if (stoppedAt != null) {
            LOG.log(Level.WARNING, "outbox of " + host.module() + ": publishing stopped at row " + stoppedAt
                    + ", it stays in the outbox and is retried at the next sweep: " + error);
            return false;
        }
        return rows.size() == settings.batchSize();
    }

    private void purgeOldRows() throws Exception {
        Instant now = Instant.now();
        if (Duration.between(lastPurge, now).compareTo(Duration.ofMinutes(10)) < 0) {
            return;
        }
        lastPurge = now;
        host.inTransaction((connection, dispatcher) -> BusTables.purgeSent(connection, now.minus(RETENTION)));
    }
}
