package io.tradecoord.ear.cluster;

import java.util.Locale;

/** The lock and bus backends a two-node run uses: {@code -Dcluster.backends=redis-kafka} or {@code zookeeper-rabbitmq}. */
enum Backends {
    REDIS_KAFKA("redis", "kafka"),
    ZOOKEEPER_RABBITMQ("zookeeper", "rabbitmq");

    final String locks;
    final String bus;

    Backends(String locks, String bus) {
        this.locks = locks;
        this.bus = bus;
    }

    static Backends current() {
        String name = System.getProperty("cluster.backends");
        if (name == null || name.isBlank()) {
            throw new IllegalStateException("no -Dcluster.backends (redis-kafka or zookeeper-rabbitmq)");
        }
        return valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    @Override
    public String toString() {
        return locks + "+" + bus;
    }
}
