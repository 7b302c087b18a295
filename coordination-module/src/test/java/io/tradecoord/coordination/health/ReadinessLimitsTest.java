package io.tradecoord.coordination.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import io.tradecoord.coordination.runtime.MapConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessLimitsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final ReadinessLimits limits = new ReadinessLimits(10, Duration.ofMinutes(1), 2);

    @Test
    void defaultsApplyWhenNothingIsSet() {
        assertEquals(new ReadinessLimits(ReadinessLimits.DEFAULT_MAX_UNSENT, ReadinessLimits.DEFAULT_MAX_UNSENT_AGE,
                ReadinessLimits.DEFAULT_MAX_DEAD_LETTERS), ReadinessLimits.from(MapConfig.of(Map.of())));
    }

    @Test
    void withinEveryLimitIsNoProblem() {
        assertNull(limits.problemWith(new OutboxState(0, null, 0), NOW));
        assertNull(limits.problemWith(new OutboxState(10, NOW.minusSeconds(60), 2), NOW));
    }

    @Test
    void eachLimitPassedIsNamedWithItsKey() {
        assertTrue(limits.problemWith(new OutboxState(11, NOW, 0), NOW).contains(ReadinessLimits.MAX_UNSENT_KEY));
        assertTrue(limits.problemWith(new OutboxState(1, NOW.minusSeconds(61), 0), NOW).contains(ReadinessLimits.MAX_UNSENT_AGE_KEY));
        assertTrue(limits.problemWith(new OutboxState(0, null, 3), NOW).contains(ReadinessLimits.MAX_DEAD_LETTERS_KEY));
    }

    @Test
    void aWrongValueNamesItsKey() {
        var e = assertThrows(InvalidConfigurationException.class,
                () -> ReadinessLimits.from(MapConfig.of(Map.of(ReadinessLimits.MAX_UNSENT_KEY, "-1"))));
        assertEquals(ReadinessLimits.MAX_UNSENT_KEY, e.key());
        assertThrows(InvalidConfigurationException.class,
                () -> ReadinessLimits.from(MapConfig.of(Map.of(ReadinessLimits.MAX_UNSENT_AGE_KEY, "five minutes"))));
    }
}
