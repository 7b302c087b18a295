package io.tradecoord.coordination.lock;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;

/** An active JTA transaction as the lock library sees it, outside a server: records synchronizations and rollback-only. */
public final class RecordingTransaction implements TransactionSynchronizationRegistry {

    public final List<Synchronization> synchronizations = new ArrayList<>();
    private boolean rollbackOnly;

    /** What the transaction manager does at commit: beforeCompletion, then (committed or rolled back) afterCompletion. */
    public boolean commit() {
        synchronizations.forEach(Synchronization::beforeCompletion);
        int outcome = rollbackOnly ? Status.STATUS_ROLLEDBACK : Status.STATUS_COMMITTED;
        synchronizations.forEach(s -> s.afterCompletion(outcome));
        return !rollbackOnly;
    }

    @Override
    public Object getTransactionKey() {
        return this;
    }

    @Override
    public void putResource(Object key, Object value) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Object getResource(Object key) {
        return null;
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        synchronizations.add(sync);
    }

    @Override
    public int getTransactionStatus() {
        return rollbackOnly ? Status.STATUS_MARKED_ROLLBACK : Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public boolean getRollbackOnly() {
        return rollbackOnly;
    }
}
