package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.interceptor.CommitGuard;
import io.tradecoord.coordination.lock.interceptor.CurrentLocks;

/**
 * Locks tied to the JTA transaction of the current thread, for code that cannot use {@link Locked}: a handler
 * that locks several keys chosen at run time, or a {@code @Locked} method that needs its own fencing token.
 *
 * <pre>{@code
 * LockSet skus = TransactionLocks.holdUntilTransactionEnds(locks.acquireAll(keys, Duration.ofSeconds(5)));
 * FencedWrites.update(em, Sku.class, code, skus.fencingToken("sku:" + code), sku -> sku.reserve(quantity));
 * }</pre>
 * A held lock is checked right before the transaction commits (lost: the transaction rolls back) and released
 * after it ended, whichever way; so no other holder can see the state between this holder's write and commit.
 */
public final class TransactionLocks {

    private TransactionLocks() {
    }

    /**
     * Keeps every lock of {@code locks} until the current transaction ends.
     *
     * @throws IllegalStateException if no JTA transaction is active on this thread (the locks are released)
     */
    public static LockSet holdUntilTransactionEnds(LockSet locks) {
        var transaction = CommitGuard.activeTransaction();
        if (transaction == null) {
            locks.release();
            throw new IllegalStateException("no active JTA transaction to hold the locks " + locks.handles().keySet() + " until its end");
        }
        locks.handles().values().forEach(handle -> CommitGuard.register(transaction, handle, true));
        return locks;
    }

    /** {@link #holdUntilTransactionEnds(LockSet)} for one lock. */
    public static LockHandle holdUntilTransactionEnds(LockHandle lock) {
        var transaction = CommitGuard.activeTransaction();
        if (transaction == null) {
            lock.release();
            throw new IllegalStateException("no active JTA transaction to hold the lock " + lock.key() + " until its end");
        }
        CommitGuard.register(transaction, lock, true);
        return lock;
    }

    /**
     * The lock of the innermost {@link Locked} call running on this thread, e.g. for its fencing token.
     *
     * @throws IllegalStateException if no {@code @Locked} call is running on this thread
     */
    public static LockHandle current() {
        CurrentLocks.Frame frame = CurrentLocks.innermost();
        if (frame == null) {
            throw new IllegalStateException("no @Locked call is running on this thread");
        }
        return frame.handle;
    }
}
