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

    @Inject
    Config config;

    private Duration lockWait;

    @PostConstruct
    void read() {
        lockWait = parseLockWait(config.getOptionalValue(LOCK_WAIT, String.class).orElse(null));
    }

    public Duration lockWait() {
        return lockWait;
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
