package io.tradecoord.order.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OrderSettingsTest {

    @Test
    void unsetOrBlankMeansTheDefault() {
        assertEquals(Duration.ofMinutes(15), OrderSettings.positiveDuration(OrderSettings.PAYMENT_TIMEOUT, Optional.empty(), Duration.ofMinutes(15)));
        assertEquals(Duration.ofSeconds(5), OrderSettings.positiveDuration(OrderSettings.EXPIRY_SCAN_INTERVAL, Optional.of(" "), Duration.ofSeconds(5)));
    }

    @Test
    void readsIsoDurations() {
        assertEquals(Duration.ofSeconds(3), OrderSettings.positiveDuration("k", Optional.of("PT3S"), Duration.ZERO));
        assertEquals(Duration.ofMillis(500), OrderSettings.positiveDuration("k", Optional.of(" PT0.5S "), Duration.ZERO));
    }

    @Test
    void aWrongValueNamesTheKey() {
        for (String wrong : new String[] {"15m", "PT0S", "-PT1M", "PT-5S", "P", "PT0.0000001S"}) {
            InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                    () -> OrderSettings.positiveDuration(OrderSettings.PAYMENT_TIMEOUT, Optional.of(wrong), Duration.ofMinutes(15)), wrong);
            assertEquals(OrderSettings.PAYMENT_TIMEOUT, e.key());
            assertTrue(e.getMessage().contains("order.payment-timeout"), e.getMessage());
        }
    }
}
