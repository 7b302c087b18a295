package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.time.Duration;

/**
 * Backend-independent bus settings; {@link #defaults()} holds every default, {@link BusFactory} reads the keys.
 *
 * @param maxAttempts        {@value #MAX_ATTEMPTS_KEY}: deliveries of a message to a failing observer before it is dead-lettered
 * @param retryBackoff       {@value #RETRY_BACKOFF_KEY}: pause after the first failure, doubled after each further one (capped at 10 s)
 * @param consumerThreads    {@value #CONSUMER_THREADS_KEY}: threads per subscription (events with one key stay in order)
 * @param sweepInterval      {@value #SWEEP_KEY}: how often the relay looks for outbox rows nobody announced (crash, outage,
 *                           another node's commits) and a standing-by relay looks at the lease
 * @param batchSize          {@value #BATCH_KEY}: outbox rows published per relay round
 * @param parkTime           {@value #PARK_KEY}: how long an event waits whose subscriber is not running before it is tried again
 * @param relayLease         {@value #RELAY_LEASE_KEY}: how long a relay's hold on its module's outbox lasts without renewal;
 *                           when the node that holds it dies, another node's relay takes over within this plus one sweep
 * @param maxPublishAttempts {@value #MAX_PUBLISH_ATTEMPTS_KEY}: publishes of an event the broker refuses (not an outage)
 *                           before it moves to the dead letters; between them it waits as {@link #backoffAfter} says
 * @param maxEventBytes      {@value #MAX_EVENT_BYTES_KEY}: the largest JSON payload (UTF-8 bytes) an event may have; a
 *                           larger one fails the transaction that fires it
 * @param inboxRetention     {@value #INBOX_RETENTION_KEY}: how long the inbox remembers an applied message id; a copy
 *                           delivered later is applied again, so keep it longer than any broker may redeliver
 * @param deadLetterRetention {@value #DEAD_LETTER_RETENTION_KEY}: how long a dead letter is kept
 * @param retryFor           {@value #RETRY_FOR_KEY}: how long a delivery that fails for a passing reason (a lock or
 *                           database timeout) is retried, parked with the later events of its key, before it is dead-lettered
 * @param startupGrace       {@value #STARTUP_GRACE_KEY}: for this long after the bus started, an event of a topic nobody
 *                           subscribes to waits in the outbox (a module of the application may still be deploying, and gets
 *                           it when it joins); after that such events are delivered to nobody. 0: from the start
 */
public record BusSettings(int maxAttempts, Duration retryBackoff, int consumerThreads, Duration sweepInterval, int batchSize,
        Duration parkTime, Duration relayLease, int maxPublishAttempts, int maxEventBytes, Duration inboxRetention,
        Duration deadLetterRetention, Duration retryFor, Duration startupGrace) {

    public static final String MAX_ATTEMPTS_KEY = "coordination.inbox.max-attempts";
    public static final String RETRY_BACKOFF_KEY = "coordination.inbox.retry-backoff-ms";
    public static final String CONSUMER_THREADS_KEY = "coordination.inbox.consumer-threads";
    public static final String SWEEP_KEY = "coordination.outbox.sweep-ms";
    public static final String BATCH_KEY = "coordination.outbox.batch-size";
    public static final String PARK_KEY = "coordination.outbox.park-ms";
    public static final String RELAY_LEASE_KEY = "coordination.outbox.relay-lease-ms";
    public static final String MAX_PUBLISH_ATTEMPTS_KEY = "coordination.outbox.max-attempts";
    public static final String MAX_EVENT_BYTES_KEY = "coordination.outbox.max-event-bytes";
    public static final String INBOX_RETENTION_KEY = "coordination.inbox.retention-ms";
    public static final String DEAD_LETTER_RETENTION_KEY = "coordination.dead-letter.retention-ms";
    public static final String RETRY_FOR_KEY = "coordination.inbox.retry-for-ms";
    public static final String STARTUP_GRACE_KEY = "coordination.outbox.startup-grace-ms";

    public BusSettings {
        positive(MAX_ATTEMPTS_KEY, maxAttempts);
        positive(RETRY_BACKOFF_KEY, retryBackoff.toMillis());
        positive(CONSUMER_THREADS_KEY, consumerThreads);
        positive(SWEEP_KEY, sweepInterval.toMillis());
        positive(BATCH_KEY, batchSize);
        positive(PARK_KEY, parkTime.toMillis());
        positive(RELAY_LEASE_KEY, relayLease.toMillis());
        positive(MAX_PUBLISH_ATTEMPTS_KEY, maxPublishAttempts);
        positive(MAX_EVENT_BYTES_KEY, maxEventBytes);
        positive(INBOX_RETENTION_KEY, inboxRetention.toMillis());
        positive(DEAD_LETTER_RETENTION_KEY, deadLetterRetention.toMillis());
        positive(RETRY_FOR_KEY, retryFor.toMillis());
        if (startupGrace.isNegative()) {
            throw new InvalidConfigurationException(STARTUP_GRACE_KEY, String.valueOf(startupGrace.toMillis()), "must be 0 or more");
        }
        if (relayLease.compareTo(Duration.ofMillis(300)) < 0) {
            // renewed every third of it, by a database round trip: shorter leases would lapse under ordinary load
            throw new InvalidConfigurationException(RELAY_LEASE_KEY, String.valueOf(relayLease.toMillis()), "must be at least 300");
        }
    }

    public static BusSettings defaults() {
        // 1 000 000 bytes of payload leave room for the headers under Kafka's default max.request.size (1 MiB)
        return new BusSettings(5, Duration.ofMillis(200), 4, Duration.ofMillis(500), 1_000, Duration.ofSeconds(60),
                Duration.ofSeconds(10), 10, 1_000_000, Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(2));
    }

    public BusSettings withMaxAttempts(int value) {
        return new BusSettings(value, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withRetryBackoff(Duration value) {
        return new BusSettings(maxAttempts, value, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withConsumerThreads(int value) {
        return new BusSettings(maxAttempts, retryBackoff, value, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withSweepInterval(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, value, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withBatchSize(int value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, value, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withParkTime(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, value,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withRelayLease(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                value, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withMaxPublishAttempts(int value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, value, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withMaxEventBytes(int value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, value, inboxRetention, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withInboxRetention(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, value, deadLetterRetention, retryFor, startupGrace);
    }

    public BusSettings withDeadLetterRetention(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, value, retryFor, startupGrace);
    }

    public BusSettings withRetryFor(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, value, startupGrace);
    }

    public BusSettings withStartupGrace(Duration value) {
        return new BusSettings(maxAttempts, retryBackoff, consumerThreads, sweepInterval, batchSize, parkTime,
                relayLease, maxPublishAttempts, maxEventBytes, inboxRetention, deadLetterRetention, retryFor, value);
    }

    /** The pause after {@code failedAttempts} failures: the retry backoff doubled per further failure, at most 10 s. */
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
