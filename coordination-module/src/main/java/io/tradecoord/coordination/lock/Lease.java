package io.tradecoord.coordination.lock;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a grant stays valid without news from its holder.
 *
 * @param duration  the lease length (positive)
 * @param renewing  whether a watchdog renews the lease every {@code duration / 3} until release; without
 *                  renewal the lock is lost when the lease ends, even if the holder is still working
 */
public record Lease(Duration duration, boolean renewing) {

    /** The longest lease: one day. A lock held longer is a job's state, not a lock; and its end stays countable. */
    public static final Duration MAX = Duration.ofDays(1);

    public Lease {
        Objects.requireNonNull(duration, "lease duration");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("a lease must be positive, was " + duration);
        }
        if (duration.toMillis() < 10) {
            throw new IllegalArgumentException("a lease must be at least 10 ms, was " + duration);
        }
        if (duration.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("a lease must be at most " + MAX + ", was " + duration);
        }
    }

    /** A lease that ends after {@code duration}, whatever the holder does. */
    public static Lease fixed(Duration duration) {
        return new Lease(duration, false);
    }

    /** A lease of {@code duration} renewed by a watchdog until release (or until renewal fails). */
    public static Lease renewing(Duration duration) {
        return new Lease(duration, true);
    }
}
