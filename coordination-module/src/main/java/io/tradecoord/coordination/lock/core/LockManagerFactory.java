package io.tradecoord.coordination.lock.core;

import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.local.LocalLockProvider;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperLockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperSettings;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import io.tradecoord.coordination.runtime.LockBackend;
import java.net.URI;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Builds the lock manager the configuration asks for; every key and default is here. */
public final class LockManagerFactory {

    public static final String LEASE_KEY = "coordination.lock.lease-ms";
    static final long DEFAULT_LEASE_MILLIS = 30_000;

    private LockManagerFactory() {
    }

    public static LockManager create(Config config) {
        LockBackend backend = LockBackend.fromConfig(value(config, LockBackend.CONFIG_KEY, "local"));
        long leaseMillis = number(config, LEASE_KEY, DEFAULT_LEASE_MILLIS);
        if (leaseMillis < 10 || leaseMillis > Lease.MAX.toMillis()) {
            throw new InvalidConfigurationException(LEASE_KEY, String.valueOf(leaseMillis), "must be 10 to " + Lease.MAX.toMillis());
        }
        return new LockManager(provider(backend, config), Lease.renewing(Duration.ofMillis(leaseMillis)));
    }

    static LockProvider provider(LockBackend backend, Config config) {
        return switch (backend) {
            case LOCAL -> new LocalLockProvider();
            case REDIS -> new RedisLockProvider(redisSettings(config));
            case ZOOKEEPER -> new ZooKeeperLockProvider(zooKeeperSettings(config));
        };
    }

    public static RedisSettings redisSettings(Config config) {
        String uri = value(config, RedisSettings.URI_KEY, "redis://127.0.0.1:6379");
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(RedisSettings.URI_KEY, "(not shown: may hold a password)", e.getMessage());
        }
        return new RedisSettings(parsed,
                (int) number(config, RedisSettings.TIMEOUT_KEY, 2_000),
                (int) number(config, RedisSettings.POOL_SIZE_KEY, 16),
                number(config, RedisSettings.RECHECK_KEY, 100),
                value(config, RedisSettings.KEY_PREFIX_KEY, "coordination:"),
                RedisSettings.Topology.parse(value(config, RedisSettings.MODE_KEY, "standalone"),
                        value(config, RedisSettings.NODES_KEY, null), value(config, RedisSettings.MASTER_NAME_KEY, null)));
    }

    public static ZooKeeperSettings zooKeeperSettings(Config config) {
        return new ZooKeeperSettings(
                value(config, ZooKeeperSettings.CONNECT_KEY, "127.0.0.1:2181"),
                (int) number(config, ZooKeeperSettings.SESSION_TIMEOUT_KEY, 15_000),
                (int) number(config, ZooKeeperSettings.CONNECTION_TIMEOUT_KEY, 5_000),
                value(config, ZooKeeperSettings.NAMESPACE_KEY, "tradecoord"));
    }

    private static String value(Config config, String key, String defaultValue) {
        return config.getOptionalValue(key, String.class).map(String::strip).orElse(defaultValue);
    }

    private static long number(Config config, String key, long defaultValue) {
        String raw = value(config, key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key, raw, "expected a whole number");
        }
    }
}
