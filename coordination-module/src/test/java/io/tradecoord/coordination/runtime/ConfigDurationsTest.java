package io.tradecoord.coordination.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDurationsTest {

    private static final Duration ONE_MS = ConfigDurations.ONE_MILLISECOND;

    @Test
    void unsetOrBlankMeansTheDefault() {
        assertEquals(Duration.ofMinutes(15), ConfigDurations.parse("k", Optional.empty(), Duration.ofMinutes(15), ONE_MS));
        assertEquals(Duration.ofSeconds(5), ConfigDurations.parse("k", Optional.of(" "), Duration.ofSeconds(5), ONE_MS));
    }

    @Test
    void readsIsoDurations() {
        assertEquals(Duration.ofSeconds(3), ConfigDurations.parse("k", Optional.of("PT3S"), Duration.ZERO, ONE_MS));
        assertEquals(Duration.ofMillis(500), ConfigDurations.parse("k", Optional.of(" PT0.5S "), Duration.ZERO, ONE_MS));
        assertEquals(Duration.ZERO, ConfigDurations.parse("k", Optional.of("PT0S"), Duration.ofSeconds(1), Duration.ZERO), "zero where allowed");
    }

    @Test
    void aWrongValueNamesTheKey() {
        for (String wrong : new String[] {"15m", "PT0S", "-PT1M", "PT-5S", "P", "PT0.0000001S"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> ConfigDurations.parse("order.payment-timeout", Optional.of(wrong), Duration.ofMinutes(15), ONE_MS), wrong);
            assertEquals("order.payment-timeout", e.key());
            assertTrue(e.getMessage().contains("order.payment-timeout"), e.getMessage());
        }
        InvalidConfigurationException negative = assertThrows(InvalidConfigurationException.class,
                () -> ConfigDurations.parse("inventory.lock-wait", Optional.of("PT-1S"), Duration.ofSeconds(10), Duration.ZERO));
        assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
    }

    @Test
    void readsFromTheConfiguration() {
        org.eclipse.microprofile.config.Config config = MapConfig.of(java.util.Map.of("a.wait", "PT2S"));
        assertEquals(Duration.ofSeconds(2), ConfigDurations.read(config, "a.wait", Duration.ofSeconds(9), ONE_MS));
        assertEquals(Duration.ofSeconds(9), ConfigDurations.read(config, "b.wait", Duration.ofSeconds(9), ONE_MS));
    }
}
