package io.tradecoord.coordination.health;

import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import io.tradecoord.coordination.runtime.ConfigDurations;
import io.tradecoord.coordination.runtime.ConfigValues;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.Config;

/** Where a module's outbox stops being ready (MicroProfile Config, read once when the module starts). */
public record ReadinessLimits(long maxUnsent, Duration maxUnsentAge, long maxDeadLetters) {

    public static final String MAX_UNSENT_KEY = "coordination.health.max-unsent";
    public static final String MAX_UNSENT_AGE_KEY = "coordination.health.max-unsent-age";
    public static final String MAX_DEAD_LETTERS_KEY = "coordination.health.max-dead-letters";

    public static final long DEFAULT_MAX_UNSENT = 10_000;
    public static final Duration DEFAULT_MAX_UNSENT_AGE = Duration.ofMinutes(5);
    public static final long DEFAULT_MAX_DEAD_LETTERS = 100;

    public static ReadinessLimits from(Config config) {
        return new ReadinessLimits(
                atLeastZero(MAX_UNSENT_KEY, ConfigValues.wholeNumber(config, MAX_UNSENT_KEY, DEFAULT_MAX_UNSENT)),
                ConfigDurations.read(config, MAX_UNSENT_AGE_KEY, DEFAULT_MAX_UNSENT_AGE, ConfigDurations.ONE_MILLISECOND),
                atLeastZero(MAX_DEAD_LETTERS_KEY, ConfigValues.wholeNumber(config, MAX_DEAD_LETTERS_KEY, DEFAULT_MAX_DEAD_LETTERS)));
    }

    /** What is over a limit, naming the key that sets it; null if nothing is. */
    public String problemWith(OutboxState outbox, Instant now) {
        if (outbox.unsent() > maxUnsent) {
            return outbox.unsent() + " events unsent, more than " + MAX_UNSENT_KEY + " (" + maxUnsent + ")";
        }
        if (outbox.oldestUnsentOccurredAt() != null && outbox.oldestUnsentOccurredAt().plus(maxUnsentAge).isBefore(now)) {
            return "the oldest unsent event occurred at " + outbox.oldestUnsentOccurredAt() + ", longer ago than "
                    + MAX_UNSENT_AGE_KEY + " (" + maxUnsentAge + ")";
        }
        if (outbox.pendingDeadLetters() > maxDeadLetters) {
            return outbox.pendingDeadLetters() + " dead letters wait for an operator, more than " + MAX_DEAD_LETTERS_KEY
                    + " (" + maxDeadLetters + ")";
        }
        return null;
    }

    private static long atLeastZero(String key, long value) {
        if (value < 0) {
            throw new InvalidConfigurationException(key, Long.toString(value), "must not be negative");
        }
        return value;
    }
}
