package io.tradecoord.coordination.lock.core;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockKeys;
import io.tradecoord.coordination.lock.LockLostException.Reason;
import io.tradecoord.coordination.lock.LockSet;
import io.tradecoord.coordination.lock.LockTimeoutException;
import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import io.tradecoord.coordination.telemetry.CoordinationMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The backend-independent part of the locks: validation, re-entrancy per transaction and key, handles, the
 * renewal watchdog, lease-expiry and session-loss signals, and all-or-nothing multi-key acquisition on top
 * of one {@link LockProvider}. One instance per JVM-wide runtime, shared by every module.
 */
public final class LockManager implements DistributedLocks, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LockManager.class.getName());
    /** Pause between abandons of a failed acquisition (see {@link AbandonedAcquisition}). */
    static final Duration ABANDON_RETRY = Duration.ofMillis(500);

    private final LockProvider provider;
    private final Lease defaultLease;
    private final ScheduledExecutorService scheduler;
    /** Re-entrancy: the hold a scope (a JTA transaction) has on a key. */
    private final ConcurrentMap<ScopeKey, Hold> holdsByScope = new ConcurrentHashMap<>();
    private final ReentrancyScope reentrancy;
    /** Every live hold, to signal a session loss. */
    private final Set<Hold> liveHolds = ConcurrentHashMap.newKeySet();
    /** How many session losses the provider reported: a grant made across one is not trusted. */
    private final AtomicLong sessionLosses = new AtomicLong();
    /**
     * Gives lost grants and failed acquisitions back to the backend, apart from the watchdog: a give-back that blocks
     * while the backend is away delays no renewal or loss signal.
     */
    private final ExecutorService giveBack;

    /** A manager whose holds are re-entrant within one JTA transaction ({@link ReentrancyScope#jtaTransaction()}). */
    public LockManager(LockProvider provider, Lease defaultLease) {
        this(provider, defaultLease, ReentrancyScope.jtaTransaction());
    }

    public LockManager(LockProvider provider, Lease defaultLease, ReentrancyScope reentrancy) {
        this.provider = Objects.requireNonNull(provider);
        this.defaultLease = Objects.requireNonNull(defaultLease);
        this.reentrancy = Objects.requireNonNull(reentrancy);
        var executor = new ScheduledThreadPoolExecutor(2, daemonThreads("coordination-lock-watchdog-" + provider.name()));
        executor.setRemoveOnCancelPolicy(true);
        // a near task always at the head of the delay queue: scheduling a hold's far-off renewal or expiry timer
        // then does not wake a watchdog thread on every acquire (measured: it halved single-thread throughput)
        executor.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
        this.scheduler = executor;
        this.giveBack = Executors.newSingleThreadExecutor(daemonThreads("coordination-lock-give-back-" + provider.name()));
        provider.setSessionLossListener(detail -> {
            sessionLosses.incrementAndGet(); // first: an acquisition in flight sees it (see tryAcquire)
            liveHolds.forEach(hold -> hold.lose(Reason.SESSION_LOST, detail));
        });
    }

    @Override
    public String backend() {
        return provider.name();
    }

    /** The locks held through this manager now, longest held first. */
    public java.util.List<HeldLock> held() {
        long now = System.nanoTime();
        return liveHolds.stream().filter(Hold::isHeld).map(hold -> hold.describe(now))
                .sorted(java.util.Comparator.comparingLong(HeldLock::heldMillis).reversed()).toList();
    }

    /** @throws io.tradecoord.coordination.lock.spi.LockProviderException if the backend does not answer now */
    public void probe() {
        provider.probe();
    }

    public Lease defaultLease() {
        return defaultLease;
    }

    @Override
    public LockHandle acquire(String key, Duration wait) {
        return acquire(key, wait, defaultLease);
    }

    @Override
    public LockHandle acquire(String key, Duration wait, Lease lease) {
        return tryAcquire(key, wait, lease).orElseThrow(() -> new LockTimeoutException(key, wait));
    }

    @Override
    public Optional<LockHandle> tryAcquire(String key) {
        return tryAcquire(key, Duration.ZERO, defaultLease);
    }

    @Override
    public Optional<LockHandle> tryAcquire(String key, Duration wait, Lease lease) {
        LockKeys.requireValid(key);
        requireValidWait(wait);
        Objects.requireNonNull(lease, "lease");
        if (scheduler.isShutdown()) {
            throw new IllegalStateException("the " + provider.name() + " lock manager is closed (the application is stopping)");
        }

        Object scope = reentrancy.current();
        ScopeKey scopeKey = scope == null ? null : new ScopeKey(scope, key);
        Hold outer = scopeKey == null ? null : holdsByScope.get(scopeKey);
        if (outer != null && outer.enterAgain()) {
            return Optional.of(new Handle(outer));
        }

        String owner = UUID.randomUUID().toString();
        long sessionLossesBefore = sessionLosses.get();
        Optional<LockGrant> grant;
        long askedAt = System.nanoTime();
        try {
            grant = provider.acquire(key, owner, lease.duration(), wait);
            metrics().lockWaited(provider.name(), System.nanoTime() - askedAt, grant.isPresent());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.tradecoord.coordination.lock.LockException("interrupted while waiting for lock '" + key + "'", e);
        } catch (LockProviderException e) {
            // the request may have won the key after its reply was lost: free it, else it stays blocked a whole lease
            new AbandonedAcquisition(key, owner, lease.duration()).start();
            throw e;
        }
        if (grant.isEmpty()) {
            return Optional.empty();
        }
        // counted from the grant as the backend saw it (before the winning request left), not from the start of the wait
        Hold hold = new Hold(this, grant.get(), lease, scopeKey, grant.get().leaseStart() + lease.duration().toNanos());
        if (scopeKey != null) {
            holdsByScope.put(scopeKey, hold);
        }
        liveHolds.add(hold);
        hold.schedule();
        if (sessionLosses.get() != sessionLossesBefore) {
            // the session was suspended or lost while this grant was made or registered: the loss signal may have
            // missed the hold, and the grant may be gone already; the caller learns it from the handle at once
            hold.lose(Reason.SESSION_LOST, "the backend's session was suspended or lost during the acquisition");
        }
        return Optional.of(new Handle(hold));
    }

    /** Where waits, holds and losses are recorded: the runtime's metrics, bound once a module joined. */
    CoordinationMetrics metrics() {
        return CoordinationRuntime.current().telemetry().metrics();
    }

    @Override
    public LockSet acquireAll(Collection<String> keys, Duration wait) {
        return acquireAll(keys, wait, defaultLease);
    }

    @Override
    public LockSet acquireAll(Collection<String> keys, Duration wait, Lease lease) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("acquireAll needs at least one key");
        }
        requireValidWait(wait);
        keys.forEach(LockKeys::requireValid);
        TreeSet<String> canonicalOrder = new TreeSet<>(keys);

        long deadline = System.nanoTime() + wait.toNanos();
        List<LockHandle> taken = new ArrayList<>(canonicalOrder.size());
        try {
            for (String key : canonicalOrder) {
                Duration remaining = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                Optional<LockHandle> handle = tryAcquire(key, remaining, lease);
                if (handle.isEmpty()) {
                    throw new LockTimeoutException(key, wait);
                }
                taken.add(handle.get());
            }
            return new LockSet(taken);
        } catch (RuntimeException e) {
            new LockSet(taken).release();
            throw e;
        }
    }

    /**
     * Ends every live hold (its holder is told, the backend gets the grant back), stops the watchdog and closes
     * the provider. Idempotent.
     */
    @Override
    public void close() {
        if (scheduler.isShutdown()) {
            return;
        }
        liveHolds.forEach(hold -> hold.lose(Reason.SESSION_LOST, "the coordination runtime was closed"));
        // the give-backs last: the holds just lost queue theirs
        shutDown(scheduler);
        shutDown(giveBack);
        provider.close();
    }

    /** Lets queued work finish for up to 5 s, then stops the threads. */
    private static void shutDown(ExecutorService executor) {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
    }

    // --- used by Hold

    LockProvider provider() {
        return provider;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** Runs {@code task} on a watchdog thread, or right here once the manager is closed. */
    void runSoon(Runnable task) {
        try {
            scheduler.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    /** Runs {@code task} on the give-back thread, or right here once the manager is closed. */
    void giveBackSoon(Runnable task) {
        try {
            giveBack.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    void forget(Hold hold) {
        liveHolds.remove(hold);
        if (hold.scopeKey() != null) {
            holdsByScope.remove(hold.scopeKey(), hold);
        }
    }

    private static void requireValidWait(Duration wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.isNegative()) {
            throw new IllegalArgumentException("the wait for a lock must not be negative, was " + wait);
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("the wait for a lock must be at most " + MAX_WAIT + ", was " + wait);
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Frees a key that a failed acquisition may have won: owner-checked abandons, the first at once, then again
     * {@link #ABANDON_RETRY} after each answer or failure, until the backend has answered twice (the second answer
     * comes after any request of the failed acquisition still queued there) or the lease would have ended anyway.
     */
    private final class AbandonedAcquisition implements Runnable {
        private final String key;
        private final String owner;
        private final long giveUpAt;
        private int answers;

        AbandonedAcquisition(String key, String owner, Duration lease) {
            this.key = key;
            this.owner = owner;
            this.giveUpAt = System.nanoTime() + lease.toNanos();
        }

        void start() {
            giveBackSoon(this);
        }

        @Override
        public void run() {
            try {
                provider.abandon(key, owner);
                answers++;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "abandoning the failed acquisition of lock '" + key + "' failed, will retry: " + e);
            }
            if (answers < 2 && System.nanoTime() - giveUpAt < 0 && !scheduler.isShutdown()) {
                try {
                    // the watchdog only times the next try; the call itself, which may block, is the give-back thread's
                    scheduler.schedule(() -> giveBack.execute(this), ABANDON_RETRY.toNanos(), TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException closed) {
                    // the manager closed meanwhile: the lease frees the key
                }
            }
        }
    }

    /** A scope's hold on a key. */
    record ScopeKey(Object scope, String key) {
    }
}
