package io.tradecoord.coordination.bus.kafka;

import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.util.regex.Pattern;

/**
 * How to reach Kafka and how the transport lays out its topics.
 *
 * @param bootstrapServers  {@value #BOOTSTRAP_SERVERS_KEY}: {@code host:port[,host:port...]}
 * @param topicPrefix       {@value #TOPIC_PREFIX_KEY}: put in front of every Kafka topic and consumer group the
 *                          transport uses (empty: the Kafka topic is the event topic, e.g. {@code order.placed})
 * @param partitions        {@value #PARTITIONS_KEY}: partitions of a topic the transport creates; the most
 *                          consumer threads of one subscription that can work in parallel
 * @param replicationFactor {@value #REPLICATION_FACTOR_KEY}: replication factor of a topic the transport creates;
 *                          {@link #AUTO_REPLICATION_FACTOR} ({@code auto}, the default) takes 3, or the number of
 *                          brokers if fewer, so that {@code acks=all} means "on a majority" on a 3-broker cluster
 * @param requestTimeoutMs  {@value #REQUEST_TIMEOUT_KEY}: bound on one broker request, on a blocked send and on
 *                          the confirmation of a publish, so that a dead broker fails a publish in bounded time
 * @param pollTimeoutMs     {@value #POLL_TIMEOUT_KEY}: longest a consumer thread waits in one poll; also how
 *                          quickly it notices a paused partition may resume
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, int partitions, int replicationFactor,
        int requestTimeoutMs, int pollTimeoutMs) {

    public static final String BOOTSTRAP_SERVERS_KEY = "coordination.kafka.bootstrap-servers";
    public static final String TOPIC_PREFIX_KEY = "coordination.kafka.topic-prefix";
    public static final String PARTITIONS_KEY = "coordination.kafka.partitions";
    public static final String REPLICATION_FACTOR_KEY = "coordination.kafka.replication-factor";
    public static final String REQUEST_TIMEOUT_KEY = "coordination.kafka.request-timeout-ms";
    public static final String POLL_TIMEOUT_KEY = "coordination.kafka.poll-timeout-ms";

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    public static final String DEFAULT_TOPIC_PREFIX = "";
    public static final int DEFAULT_PARTITIONS = 4;
    /** {@code auto}: 3 replicas, or one per broker on a smaller cluster. */
    public static final int AUTO_REPLICATION_FACTOR = 0;
    public static final int DEFAULT_REPLICATION_FACTOR = AUTO_REPLICATION_FACTOR;
    public static final int DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    public static final int DEFAULT_POLL_TIMEOUT_MS = 200;

    // host:port, host may be a name, an IPv4 address or a bracketed IPv6 address
    private static final Pattern SERVER = Pattern.compile("(\\[[0-9a-fA-F:.]+\\]|[^\\s:,\\[\\]]+):(\\d{1,5})");
    // Kafka's legal topic characters; the prefix ends up in topic names
    private static final Pattern TOPIC_CHARS = Pattern.compile("[a-zA-Z0-9._-]*");

    public KafkaSettings {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new InvalidConfigurationException(BOOTSTRAP_SERVERS_KEY, bootstrapServers, "expected host:port[,host:port...]");
        }
        for (String server : bootstrapServers.split(",", -1)) {
            var matcher = SERVER.matcher(server.strip());
            if (!matcher.matches() || Integer.parseInt(matcher.group(2)) < 1 || Integer.parseInt(matcher.group(2)) > 65_535) {
                throw new InvalidConfigurationException(BOOTSTRAP_SERVERS_KEY, bootstrapServers,
                        "'" + server.strip() + "' is not host:port; expected host:port[,host:port...]");
            }
        }
        if (topicPrefix == null || !TOPIC_CHARS.matcher(topicPrefix).matches() || topicPrefix.length() > 100) {
            throw new InvalidConfigurationException(TOPIC_PREFIX_KEY, topicPrefix,
                    "use at most 100 of the characters Kafka allows in topic names: a-z A-Z 0-9 . _ -");
        }
        if (partitions <= 0) {
            throw new InvalidConfigurationException(PARTITIONS_KEY, String.valueOf(partitions), "must be positive");
        }
        if (replicationFactor < 0 || replicationFactor > Short.MAX_VALUE) {
            throw new InvalidConfigurationException(REPLICATION_FACTOR_KEY, String.valueOf(replicationFactor),
                    "must be auto or between 1 and " + Short.MAX_VALUE);
        }
        if (requestTimeoutMs <= 0) {
            throw new InvalidConfigurationException(REQUEST_TIMEOUT_KEY, String.valueOf(requestTimeoutMs), "must be positive");
        }
        if (pollTimeoutMs <= 0) {
            throw new InvalidConfigurationException(POLL_TIMEOUT_KEY, String.valueOf(pollTimeoutMs), "must be positive");
        }
        bootstrapServers = bootstrapServers.strip();
    }

    /** Every value at its default. */
    public static KafkaSettings defaults() {
        return new KafkaSettings(DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_TOPIC_PREFIX, DEFAULT_PARTITIONS,
                DEFAULT_REPLICATION_FACTOR, DEFAULT_REQUEST_TIMEOUT_MS, DEFAULT_POLL_TIMEOUT_MS);
    }

    /** Reads {@value #REPLICATION_FACTOR_KEY}: {@code auto} or a whole number. */
    public static int parseReplicationFactor(String raw) {
        if (raw.strip().equalsIgnoreCase("auto")) {
            return AUTO_REPLICATION_FACTOR;
        }
        try {
            int factor = Integer.parseInt(raw.strip());
            if (factor > 0) {
                return factor;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidConfigurationException(REPLICATION_FACTOR_KEY, raw, "expected auto or a whole number from 1");
    }

    /** The replication factor of a topic created on a cluster of {@code brokers}. */
    public int replicationFactorFor(int brokers) {
        return replicationFactor == AUTO_REPLICATION_FACTOR ? Math.max(1, Math.min(3, brokers)) : replicationFactor;
    }

    /** {@code min.insync.replicas} for a topic of that many replicas: a majority from 3 on, so acks=all survives one loss. */
    public static int minInSyncReplicas(int replicationFactor) {
        return replicationFactor >= 3 ? replicationFactor / 2 + 1 : 1;
    }

    /** The Kafka topic carrying an event topic. */
    public String kafkaTopic(String eventTopic) {
        return topicPrefix + eventTopic;
    }

    /** The Kafka topic holding a module's dead letters. */
    public String deadLetterTopic(String module) {
        return topicPrefix + module + ".dead-letters";
    }

    /**
     * The consumer group of one subscription: one per (module, topic), so each subscription of a module commits,
     * rebalances and can be closed on its own.
     */
    public String groupId(String module, String eventTopic) {
        return topicPrefix + module + "." + eventTopic;
    }
}
