package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.LockHandle;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/** Ties a lock to the JTA transaction of the current thread, if there is one. */
public final class CommitGuard {

    private static final System.Logger LOG = System.getLogger(CommitGuard.class.getName());

    private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

    private CommitGuard() {
    }

    /** The active transaction's registry, or null when no JTA transaction is active on this thread. */
    public static TransactionSynchronizationRegistry activeTransaction() {
        TransactionSynchronizationRegistry registry;
        try {
            registry = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
        } catch (NamingException e) {
            return null; // no JTA here (a plain CDI container): nothing to guard
        }
        return registry.getTransactionStatus() == Status.STATUS_ACTIVE ? registry : null;
    }

    /**
     * Right before the transaction commits, marks it rollback-only unless the backend confirms, in one owner-checked
     * round trip, that the lock is still held for this holder (a key dropped behind its back is seen here, not at the
     * next renewal); that check is authoritative, a loss after it does not undo a commit made under the lock. If
     * {@code releaseAfterwards}, the lock is released once the transaction has ended, whichever way.
     */
    public static void register(TransactionSynchronizationRegistry registry, LockHandle handle, boolean releaseAfterwards) {
        register(registry, handle, releaseAfterwards, () -> { });
    }

    /** As {@link #register(TransactionSynchronizationRegistry, LockHandle, boolean)}; {@code onRefusal} runs when the check rolls back. */
    public static void register(TransactionSynchronizationRegistry registry, LockHandle handle, boolean releaseAfterwards,
            Runnable onRefusal) {
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                if (!handle.confirmHeld()) {
                    onRefusal.run();
                    registry.setRollbackOnly();
                }
            }

            @Override
            public void afterCompletion(int status) {
                if (releaseAfterwards) {
                    releaseAfterTheOutcome(handle);
                }
            }
        });
    }

    /**
     * Releases a lock whose work has already ended (committed, rolled back, or a call without transaction that
     * returned): a failure to release is logged, never thrown, since the outcome stands and must reach the caller.
     * The backend frees the key when the lease ends at the latest.
     */
    public static void releaseAfterTheOutcome(LockHandle handle) {
        try {
            handle.release();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "lock '" + handle.key() + "' could not be released after its work ended; "
                    + "the backend frees it when its lease ends: " + e.getMessage(), e);
        }
    }
}
