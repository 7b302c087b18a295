package io.tradecoord.coordination.lock.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    /** The message of a configuration error is logged at deployment: a malformed URI must not carry its password there. */
    @Test
    void aMalformedUriIsRefusedWithoutItsPassword() {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new RedisSettings(URI.create("redis://:hunter2@127.0.0.1"), 2000, 8, 1000, "tc:"));
        assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
        assertTrue(refused.getMessage().contains(RedisSettings.URI_KEY), refused.getMessage());
    }

    @Test
    void aFenceRetentionBelowOneSecondIsRefused() {
        InvalidConfigurationException refused = assertThrows(InvalidConfigurationException.class,
                () -> new RedisSettings(URI.create("redis://127.0.0.1:6379"), 2000, 8, 100, "tc:", RedisSettings.Topology.STANDALONE, 999));
        assertTrue(refused.getMessage().contains(RedisSettings.FENCE_RETENTION_KEY), refused.getMessage());
    }
}
