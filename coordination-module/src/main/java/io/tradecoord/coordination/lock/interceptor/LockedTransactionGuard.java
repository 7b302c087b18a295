package io.tradecoord.coordination.lock.interceptor;

import io.tradecoord.coordination.lock.Locked;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The inner half of {@link Locked}: runs inside the transaction that the transaction interceptor
 * ({@code PLATFORM_BEFORE + 200}) began for the method and makes that transaction check the lock right before
 * it commits: if the lock is gone the commit fails, nothing is written, and {@link LockedInterceptor} turns the
 * failure into a {@code LockLostException} for the caller.
 */
@Locked(key = "")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 250)
public class LockedTransactionGuard {

    @AroundInvoke
    public Object guard(InvocationContext invocation) throws Exception {
        CurrentLocks.Frame frame = CurrentLocks.innermost();
        if (frame != null) {
            // the method's own transaction, also one it began inside the caller's (REQUIRES_NEW): each checks
            TransactionSynchronizationRegistry transaction = CommitGuard.activeTransaction();
            if (transaction != null) {
                frame.guard(transaction, false);
            }
        }
        return invocation.proceed();
    }
}
