package io.tradecoord.coordination.lock.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import io.tradecoord.coordination.runtime.MapConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

/** The lock manager a deployment gets from MicroProfile Config. */
class LockManagerFactoryTest {

    @Test
    void theDefaultLeaseIsConfigurableWithinTheBoundsOfALease() {
        try (LockManager locks = LockManagerFactory.create(MapConfig.of(Map.of(LockManagerFactory.LEASE_KEY, "45000")))) {
            assertEquals(Lease.renewing(Duration.ofSeconds(45)), locks.defaultLease());
        }
        for (String bad : new String[] {"9", "0", "-1", "86400001", "200000000000000", "soon"}) {
            var e = assertThrows(InvalidConfigurationException.class,
                    () -> LockManagerFactory.create(MapConfig.of(Map.of(LockManagerFactory.LEASE_KEY, bad))), bad);
            assertEquals(LockManagerFactory.LEASE_KEY, e.key(), bad);
            assertTrue(e.getMessage().contains(bad), e.getMessage());
        }
    }

    @Test
    void redisTopologiesAreReadAndAWrongOneNamesItsKey() {
        RedisSettings sentinel = LockManagerFactory.redisSettings(MapConfig.of(Map.of(RedisSettings.MODE_KEY, "Sentinel",
                RedisSettings.NODES_KEY, "10.0.0.1:26379, 10.0.0.2:26379", RedisSettings.MASTER_NAME_KEY, "shop")));
        assertEquals(RedisSettings.Mode.SENTINEL, sentinel.topology().mode());
        assertEquals(List.of(new HostAndPort("10.0.0.1", 26379), new HostAndPort("10.0.0.2", 26379)), sentinel.topology().nodes());
        assertEquals("shop", sentinel.topology().masterName());
        assertEquals(RedisSettings.Mode.STANDALONE, LockManagerFactory.redisSettings(MapConfig.of(Map.of())).topology().mode());

        Map<Map<String, String>, String> wrong = Map.of(
                Map.of(RedisSettings.MODE_KEY, "replicated"), RedisSettings.MODE_KEY,
                Map.of(RedisSettings.MODE_KEY, "cluster"), RedisSettings.NODES_KEY,
                Map.of(RedisSettings.MODE_KEY, "cluster", RedisSettings.NODES_KEY, "10.0.0.1"), RedisSettings.NODES_KEY,
                Map.of(RedisSettings.MODE_KEY, "sentinel", RedisSettings.NODES_KEY, "10.0.0.1:26379"), RedisSettings.MASTER_NAME_KEY,
                Map.of(RedisSettings.MODE_KEY, "cluster", RedisSettings.NODES_KEY, "10.0.0.1:7000", RedisSettings.URI_KEY, "redis://h:6379/3"),
                RedisSettings.URI_KEY);
        wrong.forEach((config, key) -> assertEquals(key, assertThrows(InvalidConfigurationException.class,
                () -> LockManagerFactory.redisSettings(MapConfig.of(config))).key(), config.toString()));
    }
}
