package io.tradecoord.coordination.bus.kafka;

import io.tradecoord.coordination.bus.spi.BusTransportException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the transport's topics on first use with the configured partitions and replication factor, so that a
 * consumer can subscribe before anything was published and the broker's auto-creation defaults never decide
 * the partition count. Remembers which topics exist; thread-safe.
 */
final class KafkaTopics implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(KafkaTopics.class.getName());

    /** How long a readiness probe waits for the broker. */
    static final int PROBE_TIMEOUT_MS = 2_000;

    private final KafkaSettings settings;
    private final Admin admin;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    KafkaTopics(KafkaSettings settings) {
        this.settings = settings;
        // creating the client does not contact the broker
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "tradecoord-bus-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, settings.requestTimeoutMs(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings.requestTimeoutMs()));
    }

    /** One round trip to a broker (describe the cluster), bounded by {@link #PROBE_TIMEOUT_MS}. */
    void probe() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(PROBE_TIMEOUT_MS)).nodes()
                    .get(PROBE_TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BusTransportException("interrupted while asking Kafka at " + settings.bootstrapServers() + " for its cluster", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new BusTransportException("Kafka at " + settings.bootstrapServers() + " does not answer: " + cause, cause);
        }
    }

    /**
     * Makes sure the topic exists and its partitions accept records, asking the broker only the first time.
     *
     * @return true if this call asked the broker (the topic was not known to exist yet)
     * @throws Exception why it could not be created (broker unreachable, invalid name, interrupted, ...), unwrapped
     *                   from the admin client's future
     */
    boolean ensure(String topic) throws Exception {
        if (known.contains(topic)) {
            return false;
        }
        try {
            int replicas = settings.replicationFactorFor(settings.replicationFactor() == KafkaSettings.AUTO_REPLICATION_FACTOR
                    ? admin.describeCluster().nodes().get(guardMillis(), TimeUnit.MILLISECONDS).size() : 0);
            NewTopic newTopic = new NewTopic(topic, settings.partitions(), (short) replicas)
                    .configs(Map.of("min.insync.replicas", Integer.toString(KafkaSettings.minInSyncReplicas(replicas))));
            admin.createTopics(List.of(newTopic)).all().get(guardMillis(), TimeUnit.MILLISECONDS);
            LOG.log(Level.INFO, "created Kafka topic {0} ({1} partitions, replication factor {2}, min.insync.replicas {3})",
                    topic, settings.partitions(), replicas, KafkaSettings.minInSyncReplicas(replicas));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof TopicAuthorizationException || cause instanceof ClusterAuthorizationException) {
                // not allowed to create topics: then operations does; if it is missing after all, sends and
                // polls fail (in bounded time) and say so
                LOG.log(Level.WARNING, "not allowed to create Kafka topic " + topic + ", assuming it exists: " + cause.getMessage());
                known.add(topic);
                return true;
            }
            if (!(cause instanceof TopicExistsException)) {
                throw unwrap(e);
            }
        }
        try {
            // also when it existed: someone may have created it a moment ago
            awaitLeadersServe(topic);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
        known.add(topic);
        return true;
    }

    /**
     * Waits until the leader of every partition serves it. Brokers without the fix of KAFKA-15591 (4.1.2 has the
     * bug) break an idempotent producer's order on a partition still being created: of two produce requests in
     * flight the first is refused as NOT_LEADER_OR_FOLLOWER, the second accepted, and every retry of the first then
     * fails with OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms. Asking each leader for its end offset
     * succeeds only once the partition exists there (the admin client retries NOT_LEADER_OR_FOLLOWER in its timeout).
     */
    private void awaitLeadersServe(String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(guardMillis());
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(guardMillis(), TimeUnit.MILLISECONDS).get(topic);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                admin.listOffsets(latest).all().get(guardMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                // a broker's metadata lags the controller's a moment after the creation: there the topic is still
                // unknown (UNKNOWN_TOPIC_OR_PARTITION, not retried by the admin client; seen in KafkaTransportIT)
                boolean notThereYet = e.getCause() instanceof UnknownTopicOrPartitionException
                        || e.getCause() instanceof NotLeaderOrFollowerException;
                if (!notThereYet || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static Exception unwrap(ExecutionException e) {
        return e.getCause() instanceof Exception cause ? cause : e;
    }

    // each admin call is bounded by default.api.timeout.ms; the extra second only guards against a hang
    private long guardMillis() {
        return settings.requestTimeoutMs() + 1_000L;
    }

    @Override
    public void close() {
        admin.close(Duration.ofMillis(settings.requestTimeoutMs()));
    }
}
