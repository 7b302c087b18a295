package io.tradecoord.coordination.lock;

/**
 * One held lock. Closing it releases the lock; releasing twice, or after the lock was lost, does nothing.
 * Any thread may release it.
 */
public interface LockHandle extends AutoCloseable {

    String key();

    /** Larger than the token of every earlier grant of this key; a re-entrant hold shares its outer hold's token. */
    long fencingToken();

    /** True while the lease lasts and the backend has not reported a loss; false after release. */
    boolean isHeld();

    /**
     * {@link #isHeld()}, confirmed by the backend in one owner-checked round trip: false if the backend dropped the
     * grant behind the holder's back (then the lock is lost from now on, and its listeners are told) or cannot be
     * reached. A transaction that depends on the lock asks this right before it commits.
     */
    boolean confirmHeld();

    /** @throws LockLostException if the lock is no longer held (lost or already released) */
    void ensureHeld();

    /**
     * Calls {@code listener} once if the lock is lost (lease expired, renewal failed, session lost); never for a
     * normal release. If the lock is already lost the listener runs at once. Listeners run on a library thread:
     * keep them short and do not rely on the calling module's JNDI or CDI contexts there.
     */
    void onLost(LockLossListener listener);

    /** Releases the lock (for a re-entrant hold: gives back this hold only). */
    void release();

    @Override
    default void close() {
        release();
    }
}
