package io.tradecoord.coordination.lock;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the method while holding a distributed lock.
 *
 * <pre>{@code
 * @Locked(key = "order:{orderId}", waitMillis = 2000)
 * @Transactional
 * public void pay(@LockKey("orderId") String orderId) { ... }
 * }</pre>
 * The key is a template: each {@code {name}} is replaced by the method parameter annotated
 * {@code @LockKey("name")} (or, if the code is compiled with {@code -parameters}, the parameter of that name).
 * <p>With a JTA transaction ({@code @Transactional} on the same method): the lock is taken BEFORE the
 * transaction begins and released AFTER it commits or rolls back, so no other holder can see uncommitted
 * state. If the lock is lost before commit (lease ran out, backend lost it), the transaction is rolled back
 * and the caller gets {@link LockLostException}. Without a transaction, a loss during the call is reported
 * the same way after the method returns. A call nested in a {@code @Locked} call of the same thread on the same key
 * re-enters its hold without a round trip.
 * <p>Use it on CDI beans with {@code @Transactional}; in an EJB the container's transaction starts before CDI
 * interceptors run, so the lock would be taken inside it.
 */
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Locked {

    /** Key template, e.g. {@code order:{orderId}}. */
    @Nonbinding
    String key();

    /** How long to wait for the lock before {@link LockTimeoutException}: 0 to 3,600,000 ms ({@link DistributedLocks#MAX_WAIT}). */
    @Nonbinding
    long waitMillis() default 2_000;

    /**
     * Lease length. {@code -1} (default): the configured default lease, renewed by the watchdog for as long as
     * the method runs. 10 to 86,400,000 ({@link Lease#MAX}): a fixed lease of that many milliseconds, never
     * renewed. Any other value (0, other negatives, more) is refused at the first call with an
     * {@link IllegalArgumentException} naming the method.
     */
    @Nonbinding
    long leaseMillis() default -1;
}
