package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.Locked;
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

    private static final Map<Method, KeyTemplate> TEMPLATES = new ConcurrentHashMap<>();

    @Inject
    DistributedLocks locks;

    @AroundInvoke
    public Object lockAround(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        Locked locked = bindingOf(invocation);
        String key = TEMPLATES.computeIfAbsent(method, m -> KeyTemplate.parse(locked.key(), m)).resolve(invocation.getParameters());
        Duration wait = Duration.ofMillis(locked.waitMillis());
        LockHandle handle = locked.leaseMillis() > 0
                ? locks.acquire(key, wait, Lease.fixed(Duration.ofMillis(locked.leaseMillis())))
                : locks.acquire(key, wait);
        // called inside a caller's transaction: the lock must outlive this method until that transaction ends
        TransactionSynchronizationRegistry callersTransaction = CommitGuard.activeTransaction();
        CurrentLocks.Frame frame = CurrentLocks.push(handle);
        if (callersTransaction != null) {
            frame.checkedAtCommit = true;
            CommitGuard.register(callersTransaction, handle, true);
        }
        try {
            Object result = invocation.proceed();
            if (!frame.checkedAtCommit) {
                handle.ensureHeld(); // lost during a call without transaction: the guarantee is gone, say so
            }
            return result;
        } catch (Exception e) {
            if (!handle.isHeld() && !(e instanceof LockLostException)) {
                LockLostException lost = lossOf(handle);
                lost.addSuppressed(e);
                throw lost;
            }
            throw e;
        } finally {
            CurrentLocks.pop(frame);
            if (callersTransaction == null) {
                handle.release();
            }
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
