package io.tradecoord.coordination.lock.core;

import static io.tradecoord.coordination.runtime.ConfigValues.text;
import static io.tradecoord.coordination.runtime.ConfigValues.wholeNumber;

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

/**
 * Builds the lock manager the configuration asks for. Each backend's keys and defaults are declared by its settings
 * record ({@link RedisSettings}, {@link ZooKeeperSettings}); the lease's here.
 */
public final class LockManagerFactory {

    public static final String LEASE_KEY = "coordination.lock.lease-ms";
    static final long DEFAULT_LEASE_MILLIS = 30_000;

    private LockManagerFactory() {
    }

    public static LockManager create(Config config) {
        return new LockManager(provider(backend(config), config), lease(config));
    }

    /**
     * Reads every lock setting of the configured backend without connecting to it. Modules call it when they start, so
     * that a wrong value fails the deployment (naming the key) instead of the first lock, which may come much later.
     *
     * @throws InvalidConfigurationException naming the key of the first wrong value
     */
    public static void validate(Config config) {
        LockBackend backend = backend(config);
        lease(config);
        switch (backend) {
            case REDIS -> redisSettings(config);
            case ZOOKEEPER -> zooKeeperSettings(config);
            case LOCAL -> { }
        }
    }

    private static LockBackend backend(Config config) {
        return LockBackend.fromConfig(text(config, LockBackend.CONFIG_KEY, LockBackend.LOCAL.configValue()));
    }

    private static Lease lease(Config config) {
        long leaseMillis = wholeNumber(config, LEASE_KEY, DEFAULT_LEASE_MILLIS);
        if (leaseMillis < 10 || leaseMillis > Lease.MAX.toMillis()) {
            throw new InvalidConfigurationException(LEASE_KEY, String.valueOf(leaseMillis), "must be 10 to " + Lease.MAX.toMillis());
        }
        return Lease.renewing(Duration.ofMillis(leaseMillis));
    }

    static LockProvider provider(LockBackend backend, Config config) {
        return switch (backend) {
            case LOCAL -> new LocalLockProvider();
            case REDIS -> new RedisLockProvider(redisSettings(config));
            case ZOOKEEPER -> new ZooKeeperLockProvider(zooKeeperSettings(config));
        };
    }

    public static RedisSettings redisSettings(Config config) {
        String uri = text(config, RedisSettings.URI_KEY, RedisSettings.DEFAULT_URI);
        URI parsed;
        try {
            parsed = URI.create(uri);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(RedisSettings.URI_KEY, "(not shown: may hold a password)", e.getMessage());
        }
        return new RedisSettings(parsed,
                (int) wholeNumber(config, RedisSettings.TIMEOUT_KEY, RedisSettings.DEFAULT_TIMEOUT_MILLIS),
                (int) wholeNumber(config, RedisSettings.POOL_SIZE_KEY, RedisSettings.DEFAULT_POOL_SIZE),
                wholeNumber(config, RedisSettings.RECHECK_KEY, RedisSettings.DEFAULT_RECHECK_MILLIS),
                text(config, RedisSettings.KEY_PREFIX_KEY, RedisSettings.DEFAULT_KEY_PREFIX),
                RedisSettings.Topology.parse(text(config, RedisSettings.MODE_KEY, RedisSettings.DEFAULT_MODE),
                        text(config, RedisSettings.NODES_KEY, null), text(config, RedisSettings.MASTER_NAME_KEY, null)),
                wholeNumber(config, RedisSettings.FENCE_RETENTION_KEY, RedisSettings.DEFAULT_FENCE_RETENTION_MILLIS));
    }

    public static ZooKeeperSettings zooKeeperSettings(Config config) {
        return new ZooKeeperSettings(
                text(config, ZooKeeperSettings.CONNECT_KEY, ZooKeeperSettings.DEFAULT_CONNECT),
                (int) wholeNumber(config, ZooKeeperSettings.SESSION_TIMEOUT_KEY, ZooKeeperSettings.DEFAULT_SESSION_TIMEOUT_MILLIS),
                (int) wholeNumber(config, ZooKeeperSettings.CONNECTION_TIMEOUT_KEY, ZooKeeperSettings.DEFAULT_CONNECTION_TIMEOUT_MILLIS),
                text(config, ZooKeeperSettings.NAMESPACE_KEY, ZooKeeperSettings.DEFAULT_NAMESPACE));
    }
}
