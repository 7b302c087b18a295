package io.tradecoord.inventory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InventorySettingsTest {

    @Test
    void lockWaitDefaultsToTenSeconds() {
        assertEquals(Duration.ofSeconds(10), InventorySettings.parseLockWait(null));
        assertEquals(Duration.ofSeconds(10), InventorySettings.parseLockWait(" "));
    }

    @Test
    void lockWaitIsAnIsoDuration() {
        assertEquals(Duration.ofMillis(2500), InventorySettings.parseLockWait("PT2.5S"));
        assertEquals(Duration.ZERO, InventorySettings.parseLockWait("PT0S"));
    }

    @Test
    void wrongValuesNameTheKey() {
        IllegalArgumentException notDuration = assertThrows(IllegalArgumentException.class, () -> InventorySettings.parseLockWait("10s"));
        assertTrue(notDuration.getMessage().startsWith("inventory.lock-wait"), notDuration.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> InventorySettings.parseLockWait("PT-1S"));
        assertTrue(negative.getMessage().startsWith("inventory.lock-wait"), negative.getMessage());
    }
}
