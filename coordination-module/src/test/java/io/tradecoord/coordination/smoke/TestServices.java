package io.tradecoord.coordination.smoke;

/**
 * Where the integration tests find their real servers: system properties set by Failsafe, defaulting to the
 * addresses {@code scripts/services.sh start} provides. A test never skips when one is missing: it fails, and
 * {@link #unreachable} says which server and how to start it.
 */
public final class TestServices {

    public static final String REDIS_URI = property("test.redis.uri", "redis://127.0.0.1:6379");
    public static final String ZOOKEEPER = property("test.zookeeper.connect", "127.0.0.1:2181");
    public static final String REDIS_CLUSTER = property("test.redis.cluster.nodes", "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003");
    public static final String REDIS_SENTINELS = property("test.redis.sentinels", "127.0.0.1:26380,127.0.0.1:26381,127.0.0.1:26382");
    public static final String REDIS_SENTINEL_MASTER = property("test.redis.sentinel.master", "tradecoord");
    public static final String RABBITMQ_URI = property("test.rabbitmq.uri", "amqp://guest:guest@127.0.0.1:5672/%2F");
    public static final String KAFKA = property("test.kafka.bootstrap", "127.0.0.1:9092");
    public static final String POSTGRES_URL = property("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = property("test.postgres.user", "postgres");

    private TestServices() {
    }

    public static AssertionError unreachable(String service, String address, Throwable cause) {
        return new AssertionError(service + " is not reachable at " + address
                + " (start it with: scripts/services.sh start): " + cause, cause);
    }

    private static String property(String key, String defaultValue) {
        return System.getProperty(key, defaultValue);
    }
}
