package io.tradecoord.order.control;

import io.tradecoord.coordination.runtime.ConfigDurations;
import io.tradecoord.coordination.runtime.ConfigValues;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
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
    /**
     * How many orders may wait for the inventory's answer (PENDING, over every node) before placement answers 503 with
     * {@code Retry-After} instead of accepting more; 0: no ceiling. About ten seconds of the system's confirmation rate
     * bounds how late an accepted order is confirmed.
     */
    public static final String MAX_PENDING = "order.max-pending";
    /** How often the orders past a deadline (placement or payment) are looked for. */
    public static final String EXPIRY_SCAN_INTERVAL = "order.expiry-scan-interval";

    static final Duration DEFAULT_PAYMENT_TIMEOUT = Duration.ofMinutes(15);
    static final Duration DEFAULT_PLACEMENT_TIMEOUT = Duration.ofMinutes(5);
    static final Duration DEFAULT_EXPIRY_SCAN_INTERVAL = Duration.ofSeconds(5);
    static final long DEFAULT_MAX_PENDING = 200;

    @Inject
    Config config;

    private Duration paymentTimeout;
    private Duration placementTimeout;
    private Duration expiryScanInterval;
    private long maxPending;

    @PostConstruct
    void read() {
        paymentTimeout = ConfigDurations.read(config, PAYMENT_TIMEOUT, DEFAULT_PAYMENT_TIMEOUT, ConfigDurations.ONE_MILLISECOND);
        placementTimeout = ConfigDurations.read(config, PLACEMENT_TIMEOUT, DEFAULT_PLACEMENT_TIMEOUT, ConfigDurations.ONE_MILLISECOND);
        expiryScanInterval = ConfigDurations.read(config, EXPIRY_SCAN_INTERVAL, DEFAULT_EXPIRY_SCAN_INTERVAL, ConfigDurations.ONE_MILLISECOND);
        maxPending = ConfigValues.wholeNumber(config, MAX_PENDING, DEFAULT_MAX_PENDING);
        if (maxPending < 0) {
            throw new InvalidConfigurationException(MAX_PENDING, Long.toString(maxPending), "must be 0 (no ceiling) or more");
        }
    }

    /** The ceiling of PENDING orders; {@link Long#MAX_VALUE} when there is none. */
    public long maxPending() {
        return maxPending == 0 ? Long.MAX_VALUE : maxPending;
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
}
