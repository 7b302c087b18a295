package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.core.ReentrancyScope;

/** A transaction as the lock core's re-entrancy sees it, outside a server: the test says when one runs on a thread. */
final class TestTransactionScope implements ReentrancyScope {

    private final ThreadLocal<Object> current = new ThreadLocal<>();

    void begin(Object transaction) {
        current.set(transaction);
    }

    void end() {
        current.remove();
    }

    @Override
    public Object current() {
        return current.get();
    }
}
