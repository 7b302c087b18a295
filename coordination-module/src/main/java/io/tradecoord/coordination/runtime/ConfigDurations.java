package io.tradecoord.coordination.runtime;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Durations in configuration, written as ISO-8601 ({@code PT15M}, {@code PT0.5S}), read the same way by every
 * module: blank or unset means the default; anything unparsable or below the least allowed value fails with an
 * {@link InvalidConfigurationException} naming the key, so a wrong value stops the deployment instead of being
 * ignored.
 */
public final class ConfigDurations {

    /** The least value of a duration that must be longer than zero. */
    public static final Duration ONE_MILLISECOND = Duration.ofMillis(1);

    private ConfigDurations() {
    }

    /** The value of {@code key}, or {@code fallback} when it is unset or blank. */
    public static Duration read(Config config, String key, Duration fallback, Duration least) {
        return parse(key, config.getOptionalValue(key, String.class), fallback, least);
    }

    /** @throws InvalidConfigurationException naming {@code key} if the value is not an ISO-8601 duration of at least {@code least} */
    public static Duration parse(String key, Optional<String> value, Duration fallback, Duration least) {
        if (value.isEmpty() || value.get().isBlank()) {
            return fallback;
        }
        String text = value.get().strip();
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(key, text, "not an ISO-8601 duration; write e.g. PT15M, PT30S or PT0.5S");
        }
        if (duration.compareTo(least) < 0) {
            throw new InvalidConfigurationException(key, text, least.isZero() ? "must not be negative" : "must be at least " + least);
        }
        return duration;
    }
}
