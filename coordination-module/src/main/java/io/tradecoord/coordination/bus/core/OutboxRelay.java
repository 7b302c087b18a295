package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.core.BusTables.OutboxRow;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.EventRefusedException;
import io.tradecoord.coordination.bus.spi.NoSubscriberException;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import io.tradecoord.coordination.bus.spi.UnroutableException;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import io.tradecoord.coordination.telemetry.CoordinationMetrics;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Moves one module's committed outbox rows to the broker, oldest first, and deletes a row only once the broker
 * confirmed it. Woken right after each commit that wrote to the outbox, and every sweep interval anyway (rows left
 * by a crash or a broker outage).
 * <p>
 * A round is pipelined in three threads: a reader selects batch k+1 ({@code seq >} the last row of batch k) while
 * the relay thread publishes batch k without waiting between events, and a settler waits for the confirms of the
 * batches before, one after another, and deletes each batch's confirmed rows in one transaction. At most
 * {@link #DEPTH} batches are published and not settled: before it hands batch k to the settler the relay thread waits
 * until batch k-DEPTH is settled, and it publishes nothing more once an event of a batch behind has failed (a batch
 * read ahead is then dropped). Once a batch stopped at a failed event, the settler deletes nothing more in that round.
 * <p>
 * If the broker is unreachable (an outage: no confirm, a lost connection), the round stops there: that row and every
 * row after it (the rest of its batch and the batches published meanwhile) stay in the outbox and go again, in order,
 * at the next round (duplicates that this causes are dropped by the consumers' inbox). An event whose subscriber is
 * not running, or that the broker refused ({@link EventRefusedException}), is parked instead with the later rows of
 * its topic, so it does not hold up the others; a refused one moves to the dead letters after
 * {@code coordination.outbox.max-attempts}. A round restarts from the first unsent row at least
 * every {@link #ROUND_LIMIT}, so that a row whose transaction committed after later rows had been selected waits at
 * most that long.
 * <p>
 * On several nodes that run the module, one relay publishes at a time: the one that holds the module's
 * {@link OutboxLease}. The others stand by, look at the lease every sweep and ignore their own commits' wake-ups;
 * the holder finds their nodes' rows at its next sweep. A holder checks its lease before every batch.
 */
final class OutboxRelay implements Runnable {

    private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
    private static final Duration CONFIRM_WAIT = Duration.ofSeconds(30);
    static final Duration ROUND_LIMIT = Duration.ofSeconds(1);
    /**
     * Batches published and not yet settled while the next one is published: with two the relay thread seldom waits
     * for the settler (Kafka drain +9..22 % over one, in three paired runs, docs/benchmarks.md).
     */
    static final int DEPTH = 2;

    private final ModuleHost host;
    private final BusTransport transport;
    private final BusSettings settings;
    private final Thread thread;
    /** Awaits the confirms of the batch behind and deletes its rows; one thread, so batches settle in order. */
    private final ExecutorService settler;
    /** Selects the next batch while the relay thread publishes the one before. */
    private final ExecutorService reader;
    private final OutboxLease lease;
    /** System.nanoTime() until which events nobody subscribes to wait instead of going to nobody. */
    private final long graceEnds;
    /** The module's deliveries parked for a retry: looked at by every node, retried by the holder, once per sweep. */
    private final ParkedDeliveries parked;
    private long nextParkedSweep = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition nudged = lock.newCondition();
    private boolean pendingNudge = true; // look at the outbox once at start
    private long nextPurge = System.nanoTime();
    private volatile boolean running = true;

    /** How many modules have joined the bus so far: a join after a batch went out makes its "nobody there" stale. */
    private final LongSupplier joins;

    OutboxRelay(ModuleHost host, BusTransport transport, BusSettings settings, ParkedDeliveries parked, long graceEnds,
            LongSupplier joins) {
        this.graceEnds = graceEnds;
        this.joins = joins;
        this.host = host;
        this.transport = transport;
        this.settings = settings;
        this.parked = parked;
        this.lease = new OutboxLease(host, settings.relayLease());
        String name = "coordination-outbox-relay-" + host.module();
        this.thread = new Thread(this, name);
        thread.setDaemon(true);
        this.settler = singleThread(name + "-confirms");
        this.reader = singleThread(name + "-reads");
    }

    private static ExecutorService singleThread(String name) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
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
        // a batch still being settled stays in the outbox (it goes again at the next start: the inbox drops the copy)
        for (ExecutorService helper : List.of(settler, reader)) {
            helper.shutdownNow();
            try {
                helper.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!thread.isAlive()) {
            lease.release(); // another node's relay takes over at its next sweep instead of after the lease
        }
    }

    @Override
    public void run() {
        boolean standingBy = false;
        while (running) {
            try {
                awaitWork(standingBy);
                standingBy = !lease.hold();
                sweepParked(!standingBy);
                if (standingBy) {
                    continue; // another node's relay publishes this module's outbox
                }
                purgeIfDue();
                boolean more;
                do {
                    more = publishRound();
                } while (more && running && lease.hold());
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.log(Level.WARNING, "outbox relay of " + host.module() + " failed a round, retrying at the next sweep: " + e);
            }
        }
    }

    /**
     * Until nudged or the sweep is due; the holder wakes at least every third of its lease to renew it. A relay
     * standing by waits the whole sweep: its node's commits are published by the holder.
     */
    /** At most once per sweep: whether deliveries must ask for parked keys; the holder also retries what is due. */
    private void sweepParked(boolean holding) {
        long now = System.nanoTime();
        if (now - nextParkedSweep < 0) {
            return;
        }
        nextParkedSweep = now + settings.sweepInterval().toNanos();
        parked.refresh();
        if (holding) {
            parked.retryDue();
        }
    }

    /**
     * While it holds the lease, the relay also forgets the module's inbox records and dead letters older than their
     * retention, every tenth of the inbox retention (at most every 10 minutes): one node does it, in the module's
     * database, without a scheduler of its own.
     */
    private void purgeIfDue() {
        long now = System.nanoTime();
        if (now - nextPurge < 0) {
            return;
        }
        nextPurge = now + Math.min(Duration.ofMinutes(10).toNanos(), settings.inboxRetention().toNanos() / 10);
        Instant at = Instant.now();
        try {
            int deleted = host.inTransaction((connection, dispatcher) -> BusTables.purge(connection, host.module(),
                    at.minus(settings.inboxRetention()), at.minus(settings.deadLetterRetention())));
            if (deleted > 0) {
                LOG.log(Level.DEBUG, () -> host.module() + ": " + deleted + " inbox record(s) and dead letter(s) past their retention deleted");
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, host.module() + ": could not delete the inbox records and dead letters past their retention,"
                    + " trying again later: " + e);
        }
    }

    private void awaitWork(boolean standingBy) throws InterruptedException {
        lock.lock();
        try {
            long sweep = settings.sweepInterval().toNanos();
            long left = standingBy ? sweep : Math.min(sweep, lease.renewalInterval().toNanos());
            while ((standingBy || !pendingNudge) && left > 0 && running) {
                left = nudged.awaitNanos(left);
            }
            pendingNudge = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One round: batches from the first due row on, pipelined. Returns when the outbox has no more due rows, when an
     * event failed (the round stops in order), or after {@link #ROUND_LIMIT}.
     *
     * @return true if the round ended on its time limit with a full batch (there is probably more right away)
     */
    boolean publishRound() throws Exception {
        long roundEnd = System.nanoTime() + ROUND_LIMIT.toNanos();
        ArrayDeque<Batch> behind = new ArrayDeque<>(DEPTH);
        // set by the settler once a batch of this round stopped at a failed event: later batches then delete nothing
        AtomicBoolean roundStopped = new AtomicBoolean();
        boolean stopped = false;
        // the first batch on this thread: a lone event, the usual case, goes out without a hand-off
        List<OutboxRow> rows = selectBatch(Long.MIN_VALUE);
        Future<List<OutboxRow>> next = null;
        try {
            while (running && !rows.isEmpty()) {
                boolean full = rows.size() >= settings.batchSize();
                boolean timeLeft = System.nanoTime() - roundEnd < 0;
                if (full && timeLeft) {
                    long after = rows.get(rows.size() - 1).seq();
                    next = reader.submit(() -> selectBatch(after)); // read the next batch while this one goes out
                }
                if (anyFailedAlready(behind)) {
                    break; // e.g. the broker went away: publish nothing more, the settler records where it stopped
                }
                if (!lease.held()) {
                    break; // another node's relay may take over now: it publishes from the first unsent row
                }
                List<CompletableFuture<Void>> confirms = new ArrayList<>(rows.size());
                long joinsBefore = joins.getAsLong();
                for (OutboxRow row : rows) {
                    CompletableFuture<Void> confirm = transport.publish(row.envelope());
                    confirms.add(confirm);
                    if (failed(confirm)) {
                        // refused at once (e.g. Kafka's send() found no metadata): an event after it could be
                        // accepted and arrive before this one goes again; the rest of the batch stays unsent
                        break;
                    }
                }
                Batch batch = new Batch(rows.subList(0, confirms.size()), confirms, System.nanoTime() + CONFIRM_WAIT.toNanos(),
                        joinsBefore);
                while (behind.size() >= DEPTH) {
                    if (!behind.poll().awaitSettled()) {
                        // a batch before stopped at a failed event: this one went out too, but stays in the outbox
                        // (as do the batches settled after the failed one), so it goes again after the failed row
                        stopped = true;
                        return false;
                    }
                }
                batch.settled = settler.submit(() -> settle(batch, roundStopped));
                behind.add(batch);
                if (!full) {
                    return false;
                }
                if (!timeLeft) {
                    return true;
                }
                rows = outcome(next);
                next = null;
            }
            return false;
        } finally {
            if (next != null) {
                next.cancel(false); // read ahead for a round that ends here: its rows go again at the next round
            }
            if (!stopped) {
                for (Batch batch : behind) {
                    batch.awaitSettled();
                }
            }
        }
    }

    /** The next batch of due rows after {@code after}, oldest first, in a transaction of its own. */
    private List<OutboxRow> selectBatch(long after) throws Exception {
        Instant now = Instant.now();
        return host.inTransaction((connection, dispatcher) ->
                BusTables.pendingOutbox(connection, host.module(), after, settings.batchSize(), now));
    }

    /** The future's result, or the exception its task threw (e.g. the module's database is away: the round ends). */
    private static <T> T outcome(Future<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static boolean anyFailedAlready(ArrayDeque<Batch> batches) {
        for (Batch batch : batches) {
            if (batch.failedAlready()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits for the batch's confirms, then in ONE transaction: deletes the confirmed rows; parks those whose subscriber
     * is not running; parks those the broker refused with backoff, or moves them to the dead letters once refused
     * {@code coordination.outbox.max-attempts} times; and records the outage at the first row that met one (no
     * confirm, a lost connection), leaving it and every row after it as they are.
     *
     * @return true if every row was settled; false if the batch stopped at an outage
     */
    private boolean settle(Batch batch, AtomicBoolean roundStopped) throws Exception {
        if (roundStopped.get()) {
            return false; // an earlier batch of the round stopped at an outage: later rows must not overtake it
        }
        List<OutboxRow> rows = batch.rows();
        List<Long> sent = new ArrayList<>(rows.size());
        List<OutboxRow> sentRows = new ArrayList<>(rows.size());
        Map<Long, String> unroutable = new LinkedHashMap<>();
        Map<Long, String> beforeSubscribers = new LinkedHashMap<>();
        // a topic's later rows in this batch that failed the same way as its first: held back behind that one
        Set<String> parkedTopics = new HashSet<>();
        List<Long> heldBack = new ArrayList<>();
        Map<OutboxRow, String> refused = new LinkedHashMap<>();
        Map<OutboxRow, String> dead = new LinkedHashMap<>();
        Long failedRow = null;
        String outage = null;
        awaitAll(batch);
        for (int i = 0; i < rows.size() && failedRow == null; i++) {
            OutboxRow row = rows.get(i);
            try {
                batch.confirms().get(i).get(Math.max(0, batch.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(row.seq());
                sentRows.add(row);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof NoSubscriberException nobody) {
                    if (System.nanoTime() - graceEnds >= 0) {
                        sent.add(row.seq()); // nobody subscribes: delivered to nobody, it costs nothing
                    } else if (parkedTopics.add(row.envelope().topic())) {
                        beforeSubscribers.put(row.seq(), nobody.getMessage()); // a module may still be deploying
                    } else {
                        heldBack.add(row.seq());
                    }
                } else if (e.getCause() instanceof UnroutableException absent) {
                    if (parkedTopics.add(row.envelope().topic())) {
                        unroutable.put(row.seq(), absent.getMessage()); // its subscriber is away: park it, the others go on
                    } else {
                        heldBack.add(row.seq());
                    }
                } else if (e.getCause() instanceof EventRefusedException refusal) {
                    (row.refusals() + 1 >= settings.maxPublishAttempts() ? dead : refused).put(row, InboundDelivery.describe(refusal));
                } else {
                    failedRow = row.seq();
                    outage = InboundDelivery.describe(e.getCause());
                }
            } catch (TimeoutException e) {
                failedRow = row.seq();
                outage = "no confirm from the broker within " + CONFIRM_WAIT.toSeconds() + " s";
            } catch (CancellationException e) {
                failedRow = row.seq();
                outage = "the publish was cancelled";
            }
        }
        Long stoppedAt = failedRow;
        String error = outage;
        Instant now = Instant.now();
        // a module joined since the batch went out: it may be the one found missing, and its join already woke what was
        // parked for it, before these rows were; so they are due again at once rather than after the park time
        boolean joinedSince = joins.getAsLong() != batch.joinsBefore();
        Instant parkedUntil = joinedSince ? now : now.plus(settings.parkTime());
        // until the grace ends at the latest: then such an event goes to nobody (or to the module that joined)
        Instant graceUntil = now.plusNanos(Math.max(0, Math.min(settings.parkTime().toNanos(), graceEnds - System.nanoTime())));
        host.inTransaction((connection, dispatcher) -> {
            int deleted = sent.isEmpty() ? 0 : BusTables.deleteSent(connection, sent);
            for (Map.Entry<Long, String> row : unroutable.entrySet()) {
                BusTables.park(connection, row.getKey(), row.getValue(), parkedUntil, false);
            }
            for (Map.Entry<Long, String> row : beforeSubscribers.entrySet()) {
                BusTables.park(connection, row.getKey(), row.getValue(), graceUntil, false);
            }
            BusTables.holdBack(connection, heldBack);
            for (Map.Entry<OutboxRow, String> row : refused.entrySet()) {
                Instant retryAt = now.plus(settings.backoffAfter(row.getKey().refusals() + 1));
                BusTables.park(connection, row.getKey().seq(), row.getValue(), retryAt, true);
            }
            for (Map.Entry<OutboxRow, String> row : dead.entrySet()) {
                BusTables.moveToDeadLetters(connection, row.getKey(), row.getValue(), now);
            }
            if (stoppedAt != null) {
                // an outage holds everything up: the rows after this one wait, so no key overtakes its own events
                BusTables.recordOutage(connection, stoppedAt, error);
            }
            return deleted;
        });
        CoordinationMetrics metrics = CoordinationRuntime.current().telemetry().metrics();
        for (OutboxRow row : sentRows) {
            metrics.published(host.module(), row.envelope().topic(), Duration.between(row.envelope().occurredAt(), now).toNanos());
        }
        dead.keySet().forEach(row -> metrics.deadLettered(host.module(), row.envelope().topic(), "publish"));
        if (!unroutable.isEmpty() && joinedSince) {
            nudge();
        } else if (!unroutable.isEmpty()) {
            LOG.log(Level.WARNING, "outbox of " + host.module() + ": " + unroutable.size() + " event(s) parked for "
                    + settings.parkTime().toSeconds() + " s: " + unroutable.values().iterator().next());
        }
        refused.forEach((row, why) -> LOG.log(Level.WARNING, "outbox of " + host.module() + ": the broker refused event "
                + row.envelope().messageId() + " of topic " + row.envelope().topic() + " (" + (row.refusals() + 1) + " of "
                + settings.maxPublishAttempts() + " attempts), it and the later events of its topic wait: " + why));
        dead.forEach((row, why) -> LOG.log(Level.ERROR, "outbox of " + host.module() + ": the broker refused event "
                + row.envelope().messageId() + " of topic " + row.envelope().topic() + " " + settings.maxPublishAttempts()
                + " times; it is moved to the dead letters (replay it once the cause is fixed): " + why));
        if (stoppedAt != null) {
            roundStopped.set(true);
            LOG.log(Level.WARNING, "outbox of " + host.module() + ": publishing stopped at row " + stoppedAt
                    + ", it stays in the outbox and is retried at the next sweep: " + error);
            return false;
        }
        return true;
    }

    /**
     * Waits until every confirm of the batch is in (or the deadline passed) in ONE wait: waiting for each future in
     * turn parks and wakes this thread once per confirm, which cost the relay more CPU than the database did.
     * Failures and missing confirms are looked at afterwards, in row order.
     */
    private static void awaitAll(Batch batch) throws InterruptedException {
        try {
            CompletableFuture.allOf(batch.confirms().toArray(CompletableFuture<?>[]::new))
                    .get(Math.max(0, batch.deadlineNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException | CancellationException e) {
            // some event failed or is not confirmed yet: the caller finds the first one, in row order
        }
    }

    /**
     * True if the publish has already failed with an outage; not if its subscriber is away or the broker refused just
     * this event (both only park it).
     */
    private static boolean failed(CompletableFuture<Void> confirm) {
        if (!confirm.isCompletedExceptionally()) {
            return false;
        }
        try {
            confirm.getNow(null);
            return false;
        } catch (CompletionException e) {
            return !(e.getCause() instanceof UnroutableException || e.getCause() instanceof EventRefusedException);
        } catch (CancellationException e) {
            return true;
        }
    }

    /** A published batch: its rows, their confirms in the same order, and its settling on the settler thread. */
    private static final class Batch {
        private final List<OutboxRow> rows;
        private final List<CompletableFuture<Void>> confirms;
        private final long deadlineNanos;
        private final long joinsBefore;
        private volatile Future<Boolean> settled;

        Batch(List<OutboxRow> rows, List<CompletableFuture<Void>> confirms, long deadlineNanos, long joinsBefore) {
            this.rows = rows;
            this.confirms = confirms;
            this.deadlineNanos = deadlineNanos;
            this.joinsBefore = joinsBefore;
        }

        /** The bus's join count when the batch went out. */
        long joinsBefore() {
            return joinsBefore;
        }

        List<OutboxRow> rows() {
            return rows;
        }

        List<CompletableFuture<Void>> confirms() {
            return confirms;
        }

        long deadlineNanos() {
            return deadlineNanos;
        }

        /** True if an event of this batch has already failed with an outage. */
        boolean failedAlready() {
            for (CompletableFuture<Void> confirm : confirms) {
                if (failed(confirm)) {
                    return true;
                }
            }
            return false;
        }

        /** Waits until the settler is done with this batch; false if it stopped at a failed event. */
        boolean awaitSettled() throws Exception {
            return outcome(settled); // a failed delete leaves the rows: they go again
        }
    }
}
