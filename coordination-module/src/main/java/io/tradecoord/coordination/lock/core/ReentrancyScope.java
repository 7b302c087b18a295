package io.tradecoord.coordination.lock.core;

import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.naming.NoInitialContextException;

/**
 * Who owns a hold, for re-entrancy: a second acquisition of a key in the same scope re-enters the hold (no second
 * round trip, the same fencing token) instead of waiting for it. The scope is the active JTA transaction, not the
 * thread: a pooled thread that handed its handle to another thread and went on to other work has no transaction
 * of the first one's any more, so it cannot re-enter that hold for free. Outside a transaction there is no
 * scope: every acquisition is a new one (nested {@code @Locked} calls re-enter through their call frames).
 */
public interface ReentrancyScope {

    /** The current scope, compared with {@code equals}; {@code null}: none, no re-entry. */
    Object current();

    /** No re-entrancy at all. */
    ReentrancyScope NONE = () -> null;

    /** The JTA transaction active on the calling thread, found through {@code java:comp}; one per manager. */
    static ReentrancyScope jtaTransaction() {
        return new JtaTransaction();
    }

    /** Looks the registry up once (it is one object per server) and remembers a JVM without JNDI. */
    final class JtaTransaction implements ReentrancyScope {
        private static final String REGISTRY = "java:comp/TransactionSynchronizationRegistry";

        private volatile TransactionSynchronizationRegistry registry;
        private volatile boolean noJndi;

        @Override
        public Object current() {
            TransactionSynchronizationRegistry found = registry;
            if (found == null) {
                if (noJndi) {
                    return null;
                }
                try {
                    found = (TransactionSynchronizationRegistry) new InitialContext().lookup(REGISTRY);
                    registry = found;
                } catch (NoInitialContextException plainJvm) {
                    noJndi = true; // a plain JVM (tests, tools): there will never be a transaction here
                    return null;
                } catch (NamingException | RuntimeException notHere) {
                    return null; // e.g. a thread without a component context: try again next time
                }
            }
            return found.getTransactionStatus() == Status.STATUS_NO_TRANSACTION ? null : found.getTransactionKey();
        }
    }
}
