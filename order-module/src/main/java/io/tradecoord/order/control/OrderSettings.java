package io.tradecoord.order.control;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The order module's configuration (MicroProfile Config), read once at start-up; a wrong value fails the start
 * with a message naming the key.
 */
@ApplicationScoped
public class OrderSettings {

    /** How long a confirmed order may stay unpaid before it is cancelled automatically. */
    public static final String PAYMENT_TIMEOUT = "order.payment-timeout";
    /**
     * How long an order may stay PENDING (no answer from the inventory: an event dead-lettered, a module down) before
     * it is cancelled automatically and its reservation, if any, released.
     */
    public static final String PLACEMENT_TIMEOUT = "order.placement-timeout";
    /** How often the orders past a deadline (placement or payment) are looked for. */
    public static final String EXPIRY_SCAN_INTERVAL = "order.expiry-scan-interval";

    static final Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DEFAULT_PLACEMENT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(5);

    @Inject
    Config config;

    private Duration paymentTimeout;
    private Duration placementTimeout;
    private Duration expiryScanInterval;

    @PostConstruct
    void read() {
        paymentTimeout = positiveDuration(PAYMENT_TIMEOUT, config.getOptionalValue(PAYMENT_TIMEOUT, String.class), DEFAULT_PAYMENT_TIMEOUT);
        placementTimeout = positiveDuration(PLACEMENT_TIMEOUT, config.getOptionalValue(PLACEMENT_TIMEOUT, String.class),
                DEFAULT_PLACEMENT_TIMEOUT);
        expiryScanInterval = positiveDuration(EXPIRY_SCAN_INTERVAL, config.getOptionalValue(EXPIRY_SCAN_INTERVAL, String.class),
                DEFAULT_EXPIRY_SCAN_INTERVAL);
    }

    public Duration paymentTimeout() {
        return paymentTimeout;
    }

    public Duration placementTimeout() {
        return placementTimeout;
    }

    public Duration expiryScanInterval() {
        return expiryScanInterval;
    }

    /**
     * @throws InvalidConfigurationException naming {@code key} if the value is not a positive ISO-8601 duration
     */
    static Duration positiveDuration(String key, Optional<String> value, Duration fallback) {
        if (value.isEmpty() || value.get().isBlank()) {
            return fallback;
        }
        String text = value.get().trim();
        Duration duration;
        try {
            duration = Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigurationException(key, text, "not an ISO-8601 duration; write e.g. PT15M, PT30S or PT1H");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new InvalidConfigurationException(key, text, "must be longer than zero");
        }
        if (duration.toMillis() < 1) {
            throw new InvalidConfigurationException(key, text, "must be at least 1 millisecond");
        }
        return duration;
    }
}
