package io.tradecoord.inventory.control;

import io.tradecoord.coordination.runtime.ConfigDurations;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/**
 * The module's own configuration keys (MicroProfile Config, prefix {@code inventory.}), read once at start-up; a
 * wrong value fails the deployment naming the key ({@link SettingsCheck}).
 */
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
        lockWait = ConfigDurations.read(config, LOCK_WAIT, DEFAULT_LOCK_WAIT, Duration.ZERO);
        reservationCheckAfter = ConfigDurations.read(config, RESERVATION_CHECK_AFTER, DEFAULT_RESERVATION_CHECK_AFTER, ConfigDurations.ONE_MILLISECOND);
        reconciliationInterval = ConfigDurations.read(config, RECONCILIATION_INTERVAL, DEFAULT_RECONCILIATION_INTERVAL,
                ConfigDurations.ONE_MILLISECOND);
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
}
