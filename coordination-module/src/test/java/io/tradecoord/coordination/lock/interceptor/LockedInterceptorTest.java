package io.tradecoord.coordination.lock.interceptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.ForwardingLockProvider;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.RecordingTransaction;
import io.tradecoord.coordination.lock.TransactionLocks;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.core.ReentrancyScope;
import io.tradecoord.coordination.lock.local.LocalLockProvider;
import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.naming.Context;
import javax.naming.InitialContext;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code @Locked} interceptor's failure paths, outside a container: a JTA registry is stood in by a JNDI
 * factory of this test where a case needs one (none by default, as in a plain CDI container).
 */
class LockedInterceptorTest {

    private final LocalLockProvider backend = new LocalLockProvider();
    private boolean releaseFails;
    private volatile boolean confirmFails;
    private LockManager locks;
    private LockedInterceptor interceptor;

    @BeforeEach
    void setUp() {
        // the stand-in registries below answer the same on every thread, unlike a real one: no re-entrancy by transaction
        locks = new LockManager(new ReleaseFailing(backend), Lease.renewing(Duration.ofSeconds(30)), ReentrancyScope.NONE);
        interceptor = new LockedInterceptor();
        interceptor.locks = locks;
    }

    @AfterEach
    void tearDown() {
        System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
        locks.close();
    }

    @Test
    void aFailedReleaseAfterTheWorkEndedDoesNotReplaceItsResult() throws Exception {
        releaseFails = true;
        Object result = interceptor.lockAround(call("work", key(), () -> "committed"));
        assertEquals("committed", result, "the outcome stands; the release failure is logged");
    }

    @Test
    void aLockWhoseRegistrationWithTheCallersTransactionFailsIsReleasedAndLeavesNoFrame() throws Exception {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, RefusingRegistryContext.class.getName());
        String key = key();
        var e = assertThrows(IllegalStateException.class, () -> interceptor.lockAround(call("work", key, () -> "never")));
        assertEquals("the transaction refuses synchronizations", e.getMessage());
        assertNull(CurrentLocks.innermost(), "no frame stays on this (pooled) thread");
        assertTrue(onOtherThread(() -> locks.tryAcquire("order:" + key)).isPresent(), "the lock was released");
    }

    /**
     * A {@code @Locked} method called inside a caller's transaction whose own transaction is a new one
     * (REQUIRES_NEW): both transactions check the lock right before they commit, the inner one too.
     */
    @Test
    void anInnerRequiresNewTransactionChecksTheLockToo() throws Exception {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, CurrentTransactionContext.class.getName());
        RecordingTransaction callers = new RecordingTransaction();
        RecordingTransaction requiresNew = new RecordingTransaction();
        CurrentTransactionContext.current = callers;
        String key = key();
        LockedTransactionGuard guard = new LockedTransactionGuard();
        interceptor.lockAround(call("work", key, () -> {
            CurrentTransactionContext.current = requiresNew; // what the transaction interceptor does between the halves
            try {
                return guard.guard(call("work", key, () -> "inner work"));
            } finally {
                CurrentTransactionContext.current = callers;
            }
        }));
        assertEquals(1, callers.synchronizations.size(), "the caller's transaction checks the lock and releases it after");
        assertEquals(1, requiresNew.synchronizations.size(), "the inner transaction checks the lock before it commits");

        assertTrue(onOtherThread(() -> locks.tryAcquire("order:" + key)).isEmpty(), "held until the caller's transaction ends");
        assertTrue(requiresNew.commit(), "held: the inner transaction commits");
        assertTrue(callers.commit(), "held: the caller's transaction commits, then releases");
        assertTrue(onOtherThread(() -> locks.tryAcquire("order:" + key)).isPresent(), "released after the caller's transaction");
    }

    /**
     * The transaction begun inside the {@code @Locked} call (as {@code @Locked @Transactional} on one method has it) is
     * rolled back at its commit check because the lock server cannot answer: the caller learns that a coordination
     * service was away (503 at the HTTP edge), not an unexplained RollbackException (500). Seen on two nodes while
     * Redis restarted.
     */
    @Test
    void aCommitRefusedBecauseTheLockServerCannotAnswerSaysSo() throws Exception {
        System.setProperty(Context.INITIAL_CONTEXT_FACTORY, CurrentTransactionContext.class.getName());
        CurrentTransactionContext.current = null; // no caller's transaction: the method begins its own
        String key = key();
        LockedTransactionGuard guard = new LockedTransactionGuard();
        var refused = assertThrows(LockProviderException.class, () -> interceptor.lockAround(call("work", key, () -> {
            RecordingTransaction own = new RecordingTransaction();
            CurrentTransactionContext.current = own; // what the transaction interceptor begins
            try {
                guard.guard(call("work", key, () -> "work"));
                confirmFails = true; // the lock server goes away before the commit
                if (!own.commit()) {
                    throw new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
                }
                return "committed";
            } finally {
                CurrentTransactionContext.current = null;
            }
        })));
        assertTrue(refused.getMessage().contains("could not be confirmed"), refused.getMessage());
        assertEquals(jakarta.transaction.RollbackException.class, refused.getCause().getClass());
        confirmFails = false;
        assertNull(CurrentLocks.innermost());
    }

    /** Without a transaction, re-entry is by call frames: a nested @Locked call on this thread's key uses the outer hold. */
    @Test
    void aNestedLockedCallOnTheSameKeyReentersWithoutATransaction() throws Exception {
        String key = key();
        Object result = interceptor.lockAround(call("work", key, () -> {
            long outerToken = TransactionLocks.current().fencingToken();
            return interceptor.lockAround(call("work", key, () -> TransactionLocks.current().fencingToken() == outerToken ? "same hold" : "other"));
        }));
        assertEquals("same hold", result);
        assertNull(CurrentLocks.innermost());
        assertTrue(onOtherThread(() -> locks.tryAcquire("order:" + key)).isPresent(), "released once, by the outer call");
    }

    @Test
    void anAnnotationThatNamesNoUsableLeaseOrWaitIsRefused() {
        for (String method : new String[] {"zeroLease", "negativeLease", "hugeLease", "negativeWait", "hugeWait"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> interceptor.lockAround(call(method, key(), () -> "never")), method);
            assertTrue(e.getMessage().startsWith("@Locked on Target." + method + ": "), e.getMessage());
        }
        assertNull(CurrentLocks.innermost());
    }

    @Test
    void aFixedLeaseOfTheAnnotationEndsTheHoldAndTheCallSaysSo() {
        var e = assertThrows(LockLostException.class, () -> interceptor.lockAround(call("shortLease", key(), () -> {
            Thread.sleep(200); // past the 50 ms fixed lease
            return "done";
        })));
        assertEquals(LockLostException.Reason.LEASE_EXPIRED, e.reason());
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }

    private static <T> T onOtherThread(Callable<T> work) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private static InvocationContext call(String methodName, String id, Callable<Object> body) throws NoSuchMethodException {
        Method method = Target.class.getDeclaredMethod(methodName, String.class);
        return new InvocationContext() {
            private final Map<String, Object> data = new HashMap<>();

            @Override
            public Object getTarget() {
                return new Target();
            }

            @Override
            public Object getTimer() {
                return null;
            }

            @Override
            public Method getMethod() {
                return method;
            }

            @Override
            public Constructor<?> getConstructor() {
                return null;
            }

            @Override
            public Object[] getParameters() {
                return new Object[] {id};
            }

            @Override
            public void setParameters(Object[] params) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Map<String, Object> getContextData() {
                return data;
            }

            @Override
            public Object proceed() throws Exception {
                return body.call();
            }
        };
    }

    /** The methods the interceptor is applied to, as a bean would declare them. */
    static class Target {
        @Locked(key = "order:{id}")
        void work(@LockKey("id") String id) {
        }

        @Locked(key = "order:{id}", leaseMillis = 50)
        void shortLease(@LockKey("id") String id) {
        }

        @Locked(key = "order:{id}", leaseMillis = 0)
        void zeroLease(@LockKey("id") String id) {
        }

        @Locked(key = "order:{id}", leaseMillis = -5)
        void negativeLease(@LockKey("id") String id) {
        }

        @Locked(key = "order:{id}", leaseMillis = 200_000L * 86_400_000L)
        void hugeLease(@LockKey("id") String id) {
        }

        @Locked(key = "order:{id}", waitMillis = -1)
        void negativeWait(@LockKey("id") String id) {
        }

        @Locked(key = "order:{id}", waitMillis = Long.MAX_VALUE)
        void hugeWait(@LockKey("id") String id) {
        }
    }

    /** A local backend whose release fails while {@link #releaseFails} is set, as Redis does when it is down. */
    private final class ReleaseFailing extends ForwardingLockProvider {

        ReleaseFailing(LockProvider delegate) {
            super(delegate);
        }

        @Override
        public boolean isHeld(LockGrant grant) {
            if (confirmFails) {
                throw new LockProviderException("the backend is not reachable (test)", null);
            }
            return delegate.isHeld(grant);
        }

        @Override
        public void release(LockGrant grant) {
            if (releaseFails) {
                throw new LockProviderException("the backend is not reachable (test)", null);
            }
            delegate.release(grant);
        }
    }

    /** JNDI whose transaction registry is {@link #current}; none (as without JTA) while that is null. */
    public static final class CurrentTransactionContext implements InitialContextFactory {
        static volatile TransactionSynchronizationRegistry current;

        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) {
            TransactionSynchronizationRegistry registry = current;
            return (Context) java.lang.reflect.Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("lookup")) {
                            return null;
                        }
                        if (registry == null) {
                            throw new javax.naming.NameNotFoundException("no transaction manager (test)");
                        }
                        return registry;
                    });
        }
    }

    /** JNDI with a transaction that is active but refuses to register a synchronization. */
    public static final class RefusingRegistryContext implements InitialContextFactory {
        @Override
        public Context getInitialContext(Hashtable<?, ?> environment) throws javax.naming.NamingException {
            TransactionSynchronizationRegistry registry = new TransactionSynchronizationRegistry() {
                @Override
                public Object getTransactionKey() {
                    return "tx";
                }

                @Override
                public void putResource(Object key, Object value) {
                }

                @Override
                public Object getResource(Object key) {
                    return null;
                }

                @Override
                public void registerInterposedSynchronization(Synchronization sync) {
                    throw new IllegalStateException("the transaction refuses synchronizations");
                }

                @Override
                public int getTransactionStatus() {
                    return Status.STATUS_ACTIVE;
                }

                @Override
                public void setRollbackOnly() {
                }

                @Override
                public boolean getRollbackOnly() {
                    return false;
                }
            };
            return (Context) java.lang.reflect.Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("lookup")) {
                            return null;
                        }
                        if (registry == null) {
                            throw new javax.naming.NameNotFoundException("no transaction manager (test)");
                        }
                        return registry;
                    });
        }
    }
}
