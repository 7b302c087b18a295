package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockException;
import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outer half of {@link Locked}: takes the lock before the transaction interceptor
 * ({@code PLATFORM_BEFORE + 200}) begins a transaction, and releases it after that transaction ended. The inner
 * half, {@link LockedTransactionGuard}, rolls the transaction back if the lock was lost before commit. Called
 * inside a transaction that is already running, it keeps the lock until that transaction ends.
 */
@Locked(key = "")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 150)
public class LockedInterceptor {

    private static final Map<Method, LockedCall> CALLS = new ConcurrentHashMap<>();

    @Inject
    DistributedLocks locks;

    @AroundInvoke
    public Object lockAround(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        LockedCall call = CALLS.computeIfAbsent(method, m -> LockedCall.of(bindingOf(invocation), m));
        String key = call.key().resolve(invocation.getParameters());
        // nested in a @Locked call of this thread that holds the key: that call's hold covers this one (re-entry)
        CurrentLocks.Frame enclosing = CurrentLocks.holding(key);
        LockHandle handle = enclosing != null ? enclosing.handle
                : call.lease() != null ? locks.acquire(key, call.waitFor(), call.lease()) : locks.acquire(key, call.waitFor());
        // From here on every path ends a hold this call took: released after the caller's transaction (once
        // registered there), else in the finally below; the frame is popped whatever fails.
        boolean releaseHere = enclosing == null;
        CurrentLocks.Frame frame = null;
        try {
            frame = CurrentLocks.push(handle);
            // called inside a caller's transaction: the lock must outlive this method until that transaction ends
            TransactionSynchronizationRegistry callersTransaction = CommitGuard.activeTransaction();
            if (callersTransaction != null) {
                frame.guard(callersTransaction, releaseHere);
                releaseHere = false;
            }
            Object result = invocation.proceed();
            if (!frame.checkedAtCommit()) {
                handle.ensureHeld(); // lost during a call without transaction: the guarantee is gone, say so
            }
            return result;
        } catch (Exception e) {
            if (!handle.isHeld() && !(e instanceof LockLostException)) {
                LockLostException lost = lossOf(handle);
                lost.addSuppressed(e);
                throw lost;
            }
            if (frame != null && frame.refusedAtCommit() && !(e instanceof LockException)) {
                // still held as far as this node knows, but the backend could not confirm it right before commit
                throw new LockProviderException("lock '" + key + "' could not be confirmed at the backend right before commit;"
                        + " the transaction was rolled back", e);
            }
            throw e;
        } finally {
            if (frame != null) {
                CurrentLocks.pop(frame);
            }
            if (releaseHere) {
                // the method's own transaction (if any) has ended: its outcome stands whether or not the release works
                CommitGuard.releaseAfterTheOutcome(handle);
            }
        }
    }

    /** What a {@code @Locked} method's annotation says, checked once per method. */
    record LockedCall(KeyTemplate key, Duration waitFor, Lease lease) {

        static LockedCall of(Locked locked, Method method) {
            String where = "@Locked on " + method.getDeclaringClass().getSimpleName() + "." + method.getName();
            if (locked.waitMillis() < 0) {
                throw new IllegalArgumentException(where + ": waitMillis must not be negative, was " + locked.waitMillis());
            }
            if (locked.waitMillis() > DistributedLocks.MAX_WAIT.toMillis()) {
                throw new IllegalArgumentException(where + ": waitMillis must be at most " + DistributedLocks.MAX_WAIT.toMillis()
                        + ", was " + locked.waitMillis());
            }
            long leaseMillis = locked.leaseMillis();
            if (leaseMillis != -1 && (leaseMillis < 10 || leaseMillis > Lease.MAX.toMillis())) {
                throw new IllegalArgumentException(where + ": leaseMillis must be -1 (the default lease, renewed) or 10 to "
                        + Lease.MAX.toMillis() + " (a fixed lease), was " + leaseMillis);
            }
            return new LockedCall(KeyTemplate.parse(locked.key(), method), Duration.ofMillis(locked.waitMillis()),
                    leaseMillis == -1 ? null : Lease.fixed(Duration.ofMillis(leaseMillis)));
        }
    }

    private static LockLostException lossOf(LockHandle handle) {
        try {
            handle.ensureHeld();
            return new LockLostException(handle.key(), LockLostException.Reason.RELEASED, "released during the call");
        } catch (LockLostException e) {
            return e;
        }
    }

    static Locked bindingOf(InvocationContext invocation) {
        Object binding = invocation.getContextData().get("jakarta.interceptor.InterceptorBindings");
        if (binding instanceof java.util.Set<?> bindings) {
            for (Object annotation : bindings) {
                if (annotation instanceof Locked locked) {
                    return locked;
                }
            }
        }
        Method method = invocation.getMethod();
        Locked onMethod = method.getAnnotation(Locked.class);
        if (onMethod != null) {
            return onMethod;
        }
        Locked onClass = method.getDeclaringClass().getAnnotation(Locked.class);
        if (onClass != null) {
            return onClass;
        }
        throw new IllegalStateException("no @Locked found on " + method);
    }
}
