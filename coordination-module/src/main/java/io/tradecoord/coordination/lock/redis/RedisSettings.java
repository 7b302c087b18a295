package io.tradecoord.coordination.lock.redis;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * How to reach Redis.
 *
 * @param uri           {@value #URI_KEY}, e.g. {@code redis://:secret@127.0.0.1:6379/0} ({@code rediss://} for TLS)
 * @param timeoutMillis {@value #TIMEOUT_KEY}: connect and socket timeout
 * @param poolSize      {@value #POOL_SIZE_KEY}: connections in the pool (one more is used for the subscription)
 * @param recheckMillis {@value #RECHECK_KEY}: the longest a waiter sleeps before trying again without news
 * @param keyPrefix     {@value #KEY_PREFIX_KEY}: prefix of every Redis key and channel the locks use
 * @param topology      {@value #MODE_KEY}, {@value #NODES_KEY}, {@value #MASTER_NAME_KEY}: one Redis (the URI's host),
 *                      a master found through Sentinels, or a Redis Cluster; in the last two the URI gives only the
 *                      credentials and TLS
 * @param fenceRetentionMillis {@value #FENCE_RETENTION_KEY}: how long a key's fencing counter is kept after its last
 *                      grant. Tokens follow Redis' clock, so a counter that expired costs nothing as long as the clock
 *                      did not step back by more than this since the key's last grant; what it bounds is memory: every
 *                      key ever locked keeps one counter for this long.
 */
public record RedisSettings(URI uri, int timeoutMillis, int poolSize, long recheckMillis, String keyPrefix, Topology topology,
                            long fenceRetentionMillis) {

    public static final String URI_KEY = "coordination.redis.uri";
    public static final String TIMEOUT_KEY = "coordination.redis.timeout-ms";
    public static final String POOL_SIZE_KEY = "coordination.redis.pool-size";
    public static final String RECHECK_KEY = "coordination.redis.recheck-ms";
    public static final String KEY_PREFIX_KEY = "coordination.redis.key-prefix";
    public static final String MODE_KEY = "coordination.redis.mode";
    public static final String NODES_KEY = "coordination.redis.nodes";
    public static final String MASTER_NAME_KEY = "coordination.redis.master-name";
    public static final String FENCE_RETENTION_KEY = "coordination.redis.fence-retention-ms";

    public static final String DEFAULT_URI = "redis://127.0.0.1:6379";
    public static final int DEFAULT_TIMEOUT_MILLIS = 2_000;
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final long DEFAULT_RECHECK_MILLIS = 100;
    public static final String DEFAULT_KEY_PREFIX = "coordination:";
    public static final String DEFAULT_MODE = "standalone";
    /** A day: far beyond any clock step of a synchronised server, and one day of locked keys in memory. */
    public static final long DEFAULT_FENCE_RETENTION_MILLIS = 86_400_000;

    /** How the locks reach Redis. */
    public enum Mode { STANDALONE, SENTINEL, CLUSTER }

    /**
     * @param nodes      the Sentinels (SENTINEL) or seed nodes of the cluster (CLUSTER); empty for STANDALONE
     * @param masterName the master's name at the Sentinels (SENTINEL only)
     */
    public record Topology(Mode mode, List<HostAndPort> nodes, String masterName) {

        public static final Topology STANDALONE = new Topology(Mode.STANDALONE, List.of(), null);

        public Topology {
            Objects.requireNonNull(mode, "mode");
            nodes = List.copyOf(nodes);
            if (mode != Mode.STANDALONE && nodes.isEmpty()) {
                throw new InvalidConfigurationException(NODES_KEY, "", "lists host:port of the "
                        + (mode == Mode.SENTINEL ? "Sentinels" : "cluster's nodes") + " (comma-separated) in " + MODE_KEY + " "
                        + mode.name().toLowerCase(Locale.ROOT));
            }
            if (mode == Mode.SENTINEL && (masterName == null || masterName.isBlank())) {
                throw new InvalidConfigurationException(MASTER_NAME_KEY, "", "names the master the Sentinels watch");
            }
        }

        /** {@code mode} and {@code nodes} as configured, e.g. {@code cluster} and {@code 10.0.0.1:7000,10.0.0.2:7000}. */
        public static Topology parse(String mode, String nodes, String masterName) {
            Mode parsed;
            try {
                parsed = Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigurationException(MODE_KEY, mode, "expected standalone, sentinel or cluster");
            }
            List<HostAndPort> list = new java.util.ArrayList<>();
            if (nodes != null) {
                for (String node : nodes.split(",")) {
                    if (node.isBlank()) {
                        continue;
                    }
                    try {
                        list.add(HostAndPort.from(node.strip()));
                    } catch (RuntimeException e) {
                        throw new InvalidConfigurationException(NODES_KEY, nodes, "expected host:port[,host:port...]");
                    }
                }
            }
            return new Topology(parsed, list, masterName == null ? null : masterName.strip());
        }
    }

    /** One Redis, the URI's host. */
    public RedisSettings(URI uri, int timeoutMillis, int poolSize, long recheckMillis, String keyPrefix) {
        this(uri, timeoutMillis, poolSize, recheckMillis, keyPrefix, Topology.STANDALONE);
    }

    /** Fencing counters kept for {@link #DEFAULT_FENCE_RETENTION_MILLIS}. */
    public RedisSettings(URI uri, int timeoutMillis, int poolSize, long recheckMillis, String keyPrefix, Topology topology) {
        this(uri, timeoutMillis, poolSize, recheckMillis, keyPrefix, topology, DEFAULT_FENCE_RETENTION_MILLIS);
    }

    public RedisSettings {
        if (!JedisURIHelper.isValid(uri)) {
            // the value may hold a password, and the message is logged
            throw new InvalidConfigurationException(URI_KEY, uri == null || uri.getRawUserInfo() == null ? String.valueOf(uri)
                    : "(not shown: may hold a password)", "expected redis://[[user]:password@]host:port[/db]");
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
        if (fenceRetentionMillis < 1_000) {
            throw new InvalidConfigurationException(FENCE_RETENTION_KEY, String.valueOf(fenceRetentionMillis),
                    "must be at least 1000 (a second): it is how far back Redis' clock may step without tokens going back");
        }
        Objects.requireNonNull(topology, "topology");
        if (topology.mode() == Mode.CLUSTER && JedisURIHelper.getDBIndex(uri) != 0) {
            throw new InvalidConfigurationException(URI_KEY, "(not shown: may hold a password)", "a Redis Cluster has database 0 only");
        }
    }

    UnifiedJedis newClient() {
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
        // After a restart or failover every idle connection is dead, and an acquire cannot be asked twice (its repeat
        // would wait for itself): each second, every idle connection is PINGed and a dead one dropped. Checking at
        // each borrow instead would cost a round trip per lock operation.
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(java.time.Duration.ofSeconds(1));
        pool.setNumTestsPerEvictionRun(-1);
        Set<HostAndPort> nodes = new LinkedHashSet<>(topology.nodes());
        return switch (topology.mode()) {
            case STANDALONE -> RedisClient.builder()
                    .hostAndPort(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort())
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
            case SENTINEL -> RedisSentinelClient.builder()
                    .masterName(topology.masterName())
                    .sentinels(nodes)
                    .sentinelClientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(timeoutMillis)
                            .socketTimeoutMillis(timeoutMillis).protocol(RedisProtocol.RESP2).clientName("tradecoord-locks").build())
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
            case CLUSTER -> RedisClusterClient.builder()
                    .nodes(nodes)
                    .clientConfig(config)
                    .poolConfig(pool)
                    .build();
        };
    }

    /** Where Redis is, without credentials, for messages and logs. */
    public String uriForDisplay() {
        return switch (topology.mode()) {
            case STANDALONE -> uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort());
            case SENTINEL -> "master '" + topology.masterName() + "' of the Sentinels " + topology.nodes();
            case CLUSTER -> "the Redis Cluster of " + topology.nodes();
        };
    }
}
