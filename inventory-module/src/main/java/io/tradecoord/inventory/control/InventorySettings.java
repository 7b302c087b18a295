package io.tradecoord.inventory.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.config.Config;

/** The module's own configuration keys (MicroProfile Config, prefix {@code inventory.}). */
@ApplicationScoped
public class InventorySettings {

    /** How long a request or an event handler waits for the locks of the SKUs (and order) it changes. */
    public static final String LOCK_WAIT = "inventory.lock-wait";
    static final Duration DEFAULT_LOCK_WAIT = Duration.ofSeconds(10);

    /**
     * How long a reservation stays held before the inventory asks the order module whether its order still needs it
     * (inventory.reservation-held), and then again at most this often while it stays held.
     */
    public static final String RESERVATION_CHECK_AFTER = "inventory.reservation-check-after";
    static final Duration DEFAULT_RESERVATION_CHECK_AFTER = Duration.ofMinutes(5);

    /** How often the held reservations due for a check are looked for. */
    public static final String RECONCILIATION_INTERVAL = "inventory.reconciliation-interval";
    static final Duration DEFAULT_RECONCILIATION_INTERVAL = Duration.ofMinutes(1);

    @Inject
    Config config;

    private Duration lockWait;
    private Duration reservationCheckAfter;
    private Duration reconciliationInterval;

    @PostConstruct
    void read() {
        lockWait = parseLockWait(config.getOptionalValue(LOCK_WAIT, String.class).orElse(null));
        reservationCheckAfter = parsePositive(RESERVATION_CHECK_AFTER, config.getOptionalValue(RESERVATION_CHECK_AFTER, String.class).orElse(null),
                DEFAULT_RESERVATION_CHECK_AFTER);
        reconciliationInterval = parsePositive(RECONCILIATION_INTERVAL, config.getOptionalValue(RECONCILIATION_INTERVAL, String.class).orElse(null),
                DEFAULT_RECONCILIATION_INTERVAL);
    }

    public Duration lockWait() {
        return lockWait;
    }

    public Duration reservationCheckAfter() {
        return reservationCheckAfter;
    }

    public Duration reconciliationInterval() {
        return reconciliationInterval;
    }

    static Duration parsePositive(String key, String value, Duration fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            Duration duration = Duration.parse(value.trim());
            if (duration.isNegative() || duration.toMillis() < 1) {
                throw new IllegalArgumentException(key + " must be at least 1 millisecond, was " + value);
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT5M, was " + value, e);
        }
    }

    static Duration parseLockWait(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LOCK_WAIT;
        }
        try {
            Duration wait = Duration.parse(value.trim());
            if (wait.isNegative()) {
                throw new IllegalArgumentException(LOCK_WAIT + " must not be negative, was " + value);
            }
            return wait;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(LOCK_WAIT + " must be an ISO-8601 duration such as PT10S, was " + value, e);
        }
    }
}
