package io.tradecoord.coordination.lock;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * Distributed locks with leases and fencing tokens. Inject it ({@code @Inject DistributedLocks locks}); the
 * backend ({@code local}, {@code redis}, {@code zookeeper}) is chosen by configuration, the semantics are the
 * same on all of them:
 * <ul>
 * <li>at most one holder per key at a time, as long as its lease lasts;</li>
 * <li>every grant of a key carries a fencing token larger than all earlier grants of that key: pass it to the
 * write ({@link io.tradecoord.coordination.lock.fencing.FencedWrites}) so a holder whose lease ran out cannot
 * overwrite its successor's work;</li>
 * <li>re-entrant within one JTA transaction (no second round trip): the transaction owns the hold, not the thread,
 * so a thread that handed its handle on cannot re-enter it for free; outside a transaction every acquisition is a
 * new one (nested {@link Locked} calls re-enter by their call frames); a handle may be released from any thread;</li>
 * <li>a handle knows when it was lost ({@link LockHandle#isHeld()}, {@link LockHandle#onLost}).</li>
 * </ul>
 * Keys are 1 to {@value LockKeys#MAX_LENGTH} characters without control characters.
 */
public interface DistributedLocks {

    /** The longest wait for a lock: one hour. A caller that would wait longer needs a queue, not a lock. */
    Duration MAX_WAIT = Duration.ofHours(1);

    /**
     * Takes the lock with the default lease, renewed by a watchdog until release. The lease is counted from the
     * moment the backend granted it, however long the wait before.
     *
     * <p>What every acquiring method may throw (all unchecked):
     * <ul>
     * <li>{@link LockTimeoutException}: the lock could not be had within {@code wait} (not thrown by
     * {@code tryAcquire}, which answers empty);</li>
     * <li>{@link IllegalArgumentException}: a null, empty, over-long or control-character key, a null or negative
     * wait or one over {@link #MAX_WAIT} ({@link Lease} refuses a lease over {@link Lease#MAX} when it is made);</li>
     * <li>{@link io.tradecoord.coordination.lock.spi.LockProviderException}: the backend could not be reached (the
     * message names the server and the key);</li>
     * <li>{@link LockException}: the thread was interrupted while it waited (its interrupt flag is set again);</li>
     * <li>{@link IllegalStateException}: the library is closed (the application is stopping).</li>
     * </ul>
     */
    LockHandle acquire(String key, Duration wait);

    /** Takes the lock with the given lease; throws as {@link #acquire(String, Duration)}. */
    LockHandle acquire(String key, Duration wait, Lease lease);

    /** Takes the lock if it is free right now (default lease); throws as {@link #acquire(String, Duration)}, empty if taken. */
    Optional<LockHandle> tryAcquire(String key);

    /** Takes the lock if it can be had within {@code wait}; empty on timeout, else throws as {@link #acquire(String, Duration)}. */
    Optional<LockHandle> tryAcquire(String key, Duration wait, Lease lease);

    /**
     * Takes all keys or none: in one canonical (sorted) order, so two callers locking {a,b} and {b,a} cannot
     * deadlock; on timeout the keys already taken are released. {@code wait} bounds the whole operation. Throws
     * as {@link #acquire(String, Duration)}, and {@link IllegalArgumentException} for an empty collection.
     */
    LockSet acquireAll(Collection<String> keys, Duration wait);

    /** {@link #acquireAll(Collection, Duration)} with the given lease for every key. */
    LockSet acquireAll(Collection<String> keys, Duration wait, Lease lease);

    /** The backend in use: {@code local}, {@code redis} or {@code zookeeper}. */
    String backend();
}
