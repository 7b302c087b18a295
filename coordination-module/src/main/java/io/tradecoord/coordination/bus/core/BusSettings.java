package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.time.Duration;

/**
 * Backend-independent bus settings.
 *
 * @param maxAttempts        {@value #MAX_ATTEMPTS_KEY}: deliveries of a message to a failing observer before it is dead-lettered
 * @param retryBackoff       {@value #RETRY_BACKOFF_KEY}: pause after the first failure, doubled after each further one (capped at 10 s)
 * @param consumerThreads    {@value #CONSUMER_THREADS_KEY}: threads per subscription (events with one key stay in order)
 * @param sweepInterval      {@value #SWEEP_KEY}: how often the relay looks for outbox rows nobody announced (crash, outage)
 * @param batchSize          {@value #BATCH_KEY}: outbox rows published per relay round
 * @param parkTime           {@value #PARK_KEY}: how long an event nobody subscribes to waits before it is tried again
 */
public record BusSettings(int maxAttempts, Duration retryBackoff, int consumerThreads, Duration sweepInterval, int batchSize,
        Duration parkTime) {

    public static final String MAX_ATTEMPTS_KEY = "coordination.inbox.max-attempts";
    public static final String RETRY_BACKOFF_KEY = "coordination.inbox.retry-backoff-ms";
    public static final String CONSUMER_THREADS_KEY = "coordination.inbox.consumer-threads";
    public static final String SWEEP_KEY = "coordination.outbox.sweep-ms";
    public static final String BATCH_KEY = "coordination.outbox.batch-size";
    public static final String PARK_KEY = "coordination.outbox.park-ms";

    public BusSettings {
        positive(MAX_ATTEMPTS_KEY, maxAttempts);
        positive(RETRY_BACKOFF_KEY, retryBackoff.toMillis());
        positive(CONSUMER_THREADS_KEY, consumerThreads);
        positive(SWEEP_KEY, sweepInterval.toMillis());
        positive(BATCH_KEY, batchSize);
        positive(PARK_KEY, parkTime.toMillis());
    }

    public static BusSettings defaults() {
        return new BusSettings(5, Duration.ofMillis(200), 4, Duration.ofSeconds(2), 1_000, Duration.ofSeconds(60));
    }

    Duration backoffAfter(int failedAttempts) {
        long millis = retryBackoff.toMillis() << Math.min(failedAttempts - 1, 16);
        return Duration.ofMillis(Math.min(millis, 10_000));
    }

    private static void positive(String key, long value) {
        if (value <= 0) {
            throw new InvalidConfigurationException(key, String.valueOf(value), "must be positive");
        }
    }
}
