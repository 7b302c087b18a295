package io.tradecoord.coordination.lock.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * What a lock backend implements. The library's core ({@code LockManager}) adds everything that is the same
 * on every backend on top of it: key validation, re-entrancy, handles, the renewal watchdog, lease-expiry
 * and loss signals, multi-key ordering. A provider is shared by all modules of the JVM and must be thread-safe.
 *
 * <p>A grant belongs to an {@code owner} token that is unique per acquisition; every operation on a grant is
 * checked against that owner at the backend, so a late holder can never renew or release its successor's lock.
 */
public interface LockProvider extends AutoCloseable {

    /** The backend's configuration name, e.g. {@code redis}. */
    String name();

    /**
     * Takes {@code key} for {@code owner}, waiting up to {@code wait} (zero: one attempt) without busy polling.
     *
     * @return the grant, or empty if the key stayed taken for the whole wait
     * @throws LockProviderException if the backend cannot be reached (the message names the server and key)
     */
    Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException;

    /**
     * Extends the lease of a grant still held by its owner.
     *
     * @return false if the backend no longer holds the grant for its owner
     * @throws LockProviderException if the backend cannot be reached
     */
    boolean renew(LockGrant grant, Duration lease);

    /**
     * Asks the backend, in one owner-checked round trip and without extending the lease, whether it still holds
     * the grant for its owner: the check made right before a transaction that depends on the lock commits, so a
     * grant the backend dropped (a restart, a failover, an eviction) is seen there and not at the next renewal.
     *
     * @throws LockProviderException if the backend cannot be reached
     */
    boolean isHeld(LockGrant grant);

    /**
     * Gives up an acquisition whose outcome is unknown: {@link #acquire} failed (e.g. the reply was lost to a
     * timeout) after its request may have reached the backend and won the key for {@code owner}. Owner-checked,
     * so it frees the key if and only if that request won it; the core calls it again a little later, since the
     * request may still be queued at the backend. Backends whose acquire cleans up after itself keep the default.
     *
     * @throws LockProviderException if the backend cannot be reached
     */
    default void abandon(String key, String owner) {
    }

    /**
     * Checks that the backend answers now, for readiness checks; returns within the provider's own timeouts.
     *
     * @throws LockProviderException naming the server and what failed, if it does not answer
     */
    void probe();

    /**
     * Releases a grant if it is still held by its owner; does nothing otherwise. Must also clean up after a lost
     * session (e.g. delete a node that survived it).
     */
    void release(LockGrant grant);

    /**
     * Registers the core's listener for connection-level losses that invalidate every grant of this provider
     * at once (a ZooKeeper session SUSPENDED or LOST). Providers without such events never call it.
     */
    default void setSessionLossListener(SessionLossListener listener) {
    }

    @Override
    void close();

    /** Told that every grant made before now is to be treated as lost. */
    @FunctionalInterface
    interface SessionLossListener {
        void sessionLost(String detail);
    }
}
