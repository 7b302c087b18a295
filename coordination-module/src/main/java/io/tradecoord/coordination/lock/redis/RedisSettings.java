package io.tradecoord.coordination.lock.redis;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.net.URI;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * How to reach Redis.
 *
 * @param uri           {@value #URI_KEY}, e.g. {@code redis://:secret@127.0.0.1:6379/0} ({@code rediss://} for TLS)
 * @param timeoutMillis {@value #TIMEOUT_KEY}: connect and socket timeout
 * @param poolSize      {@value #POOL_SIZE_KEY}: connections in the pool (one more is used for the subscription)
 * @param recheckMillis {@value #RECHECK_KEY}: the longest a waiter sleeps before trying again without news
 * @param keyPrefix     {@value #KEY_PREFIX_KEY}: prefix of every Redis key and channel the locks use
 */
public record RedisSettings(URI uri, int timeoutMillis, int poolSize, long recheckMillis, String keyPrefix) {

    public static final String URI_KEY = "coordination.redis.uri";
    public static final String TIMEOUT_KEY = "coordination.redis.timeout-ms";
    public static final String POOL_SIZE_KEY = "coordination.redis.pool-size";
    public static final String RECHECK_KEY = "coordination.redis.recheck-ms";
    public static final String KEY_PREFIX_KEY = "coordination.redis.key-prefix";

    public RedisSettings {
        if (!JedisURIHelper.isValid(uri)) {
            throw new InvalidConfigurationException(URI_KEY, String.valueOf(uri), "expected redis://[[user]:password@]host:port[/db]");
        }
        if (timeoutMillis <= 0) {
            throw new InvalidConfigurationException(TIMEOUT_KEY, String.valueOf(timeoutMillis), "must be positive");
        }
        if (poolSize <= 0) {
            throw new InvalidConfigurationException(POOL_SIZE_KEY, String.valueOf(poolSize), "must be positive");
        }
        if (recheckMillis <= 0) {
            throw new InvalidConfigurationException(RECHECK_KEY, String.valueOf(recheckMillis), "must be positive");
        }
    }

    RedisClient newClient() {
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .database(JedisURIHelper.getDBIndex(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri))
                .protocol(RedisProtocol.RESP2)
                .clientName("tradecoord-locks")
                .build();
        var pool = new GenericObjectPoolConfig<Connection>();
        pool.setMaxTotal(poolSize + 1);
        pool.setMaxIdle(poolSize + 1);
        pool.setMinIdle(1);
        return RedisClient.builder()
                .hostAndPort(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort())
                .clientConfig(config)
                .poolConfig(pool)
                .build();
    }

    /** The URI without credentials, for messages and logs. */
    public String uriForDisplay() {
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort());
    }
}
