package io.tradecoord.coordination.bus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import io.tradecoord.coordination.runtime.MapConfig;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** The settings a deployed bus gets from MicroProfile Config (BusFactory), not only the record's own defaults. */
class BusFactorySettingsTest {

    @Test
    void unsetKeysGiveTheDocumentedDefaults() {
        BusSettings settings = BusFactory.settings(config(Map.of()));
        assertEquals(BusSettings.defaults(), settings);
        // docs/events.md and the bus benchmark use these; a deployed bus once got 200 rows per batch instead
        assertEquals(1_000, settings.batchSize());
        assertEquals(5, settings.maxAttempts());
        assertEquals(Duration.ofMillis(500), settings.sweepInterval());
        assertEquals(Duration.ofSeconds(60), settings.parkTime());
        assertEquals(Duration.ofSeconds(10), settings.relayLease());
        assertEquals(10, settings.maxPublishAttempts());
        assertEquals(1_000_000, settings.maxEventBytes());
        assertEquals(Duration.ofDays(7), settings.inboxRetention());
        assertEquals(Duration.ofDays(30), settings.deadLetterRetention());
        assertEquals(Duration.ofHours(1), settings.retryFor());
        assertEquals(Duration.ofMinutes(2), settings.startupGrace());
    }

    @Test
    void setKeysAreRead() {
        BusSettings settings = BusFactory.settings(config(Map.of(BusSettings.BATCH_KEY, " 200 ", BusSettings.MAX_ATTEMPTS_KEY, "3",
                BusSettings.RETRY_BACKOFF_KEY, "50", BusSettings.CONSUMER_THREADS_KEY, "8", BusSettings.SWEEP_KEY, "500",
                BusSettings.PARK_KEY, "1000", BusSettings.RELAY_LEASE_KEY, "4000", BusSettings.MAX_PUBLISH_ATTEMPTS_KEY, "7",
                BusSettings.MAX_EVENT_BYTES_KEY, "65536")));
        assertEquals(new BusSettings(3, Duration.ofMillis(50), 8, Duration.ofMillis(500), 200, Duration.ofSeconds(1),
                Duration.ofSeconds(4), 7, 65_536, Duration.ofDays(7), Duration.ofDays(30), Duration.ofHours(1),
                Duration.ofMinutes(2)), settings);
    }

    @Test
    void aWrongValueNamesItsKey() {
        var notANumber = assertThrows(InvalidConfigurationException.class, () -> BusFactory.settings(config(Map.of(BusSettings.BATCH_KEY, "lots"))));
        assertEquals(BusSettings.BATCH_KEY, notANumber.key());
        var notPositive = assertThrows(InvalidConfigurationException.class, () -> BusFactory.settings(config(Map.of(BusSettings.BATCH_KEY, "0"))));
        assertEquals(BusSettings.BATCH_KEY, notPositive.key());
    }

    private static Config config(Map<String, String> values) {
        return MapConfig.of(values);
    }
}
