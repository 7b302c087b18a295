package io.tradecoord.order.control;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A backoff registry: orders whose automatic cancel failed for a reason other than a busy lock, each with an exponential backoff
 * (first retry after {@code base}, doubling up to {@code max}), so that an order that cannot be cancelled (e.g. its
 * row carries a newer fencing token than the lock backend grants) costs the scanner one attempt per backoff instead
 * of one per round. Bounded: beyond {@code capacity} entries the least recently failed is forgotten (it is then
 * simply tried again). Thread-safe, though the scanner calls it from one thread at a time.
 */
final class CancelBackoffs {

    private final Duration base;
    private final Duration max;
    private final Map<String, Failure> failures;

    CancelBackoffs(Duration base, Duration max, int capacity) {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0 || capacity < 1) {
            throw new IllegalArgumentException("backoff " + base + " up to " + max + ", capacity " + capacity);
        }
        this.base = base;
        this.max = max;
        this.failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failure> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether the order may be tried at {@code now}: never failed, or its backoff is over. */
    synchronized boolean mayTry(String orderId, Instant now) {
        Failure failure = failures.get(orderId);
        return failure == null || !now.isBefore(failure.retryAt());
    }

    /** Records one more failure; returns it (the attempt count and when the order is tried again). */
    synchronized Failure failed(String orderId, Instant now) {
        Failure previous = failures.get(orderId);
        int attempts = previous == null ? 1 : previous.attempts() + 1;
        Duration backoff = base.multipliedBy(1L << Math.min(attempts - 1, 30));
        Failure failure = new Failure(attempts, now.plus(backoff.compareTo(max) > 0 ? max : backoff));
        failures.put(orderId, failure);
        return failure;
    }

    /** The order was handled (cancelled, or found paid): no backoff any more. */
    synchronized void forget(String orderId) {
        failures.remove(orderId);
    }

    synchronized int size() {
        return failures.size();
    }

    record Failure(int attempts, Instant retryAt) {

        /** Log loudly on the first failure and then each time the count doubles: visible, yet not a line per round. */
        boolean worthReporting() {
            return Integer.bitCount(attempts) == 1;
        }
    }
}
