package io.tradecoord.coordination.lock.zookeeper;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;

/**
 * How to reach ZooKeeper.
 *
 * @param connect                 {@value #CONNECT_KEY}: connect string, e.g. {@code 127.0.0.1:2181}
 * @param sessionTimeoutMillis    {@value #SESSION_TIMEOUT_KEY}
 * @param connectionTimeoutMillis {@value #CONNECTION_TIMEOUT_KEY}: also the bound on the first connection
 * @param namespace               {@value #NAMESPACE_KEY}: root znode of everything this library writes
 */
public record ZooKeeperSettings(String connect, int sessionTimeoutMillis, int connectionTimeoutMillis, String namespace) {

    public static final String CONNECT_KEY = "coordination.zookeeper.connect";
    public static final String SESSION_TIMEOUT_KEY = "coordination.zookeeper.session-timeout-ms";
    public static final String CONNECTION_TIMEOUT_KEY = "coordination.zookeeper.connection-timeout-ms";
    public static final String NAMESPACE_KEY = "coordination.zookeeper.namespace";

    public static final String DEFAULT_CONNECT = "127.0.0.1:2181";
    public static final int DEFAULT_SESSION_TIMEOUT_MILLIS = 15_000;
    public static final int DEFAULT_CONNECTION_TIMEOUT_MILLIS = 5_000;
    public static final String DEFAULT_NAMESPACE = "tradecoord";

    public ZooKeeperSettings {
        if (connect == null || connect.isBlank()) {
            throw new InvalidConfigurationException(CONNECT_KEY, connect, "expected host:port[,host:port...]");
        }
        if (sessionTimeoutMillis <= 0) {
            throw new InvalidConfigurationException(SESSION_TIMEOUT_KEY, String.valueOf(sessionTimeoutMillis), "must be positive");
        }
        if (connectionTimeoutMillis <= 0) {
            throw new InvalidConfigurationException(CONNECTION_TIMEOUT_KEY, String.valueOf(connectionTimeoutMillis), "must be positive");
        }
        if (namespace == null || namespace.isBlank() || namespace.startsWith("/") || namespace.endsWith("/")) {
            throw new InvalidConfigurationException(NAMESPACE_KEY, namespace, "expected a path without leading or trailing '/', e.g. tradecoord");
        }
    }
}
