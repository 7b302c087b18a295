package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.BusSettings;
import io.tradecoord.coordination.bus.core.BusTables;
import io.tradecoord.coordination.bus.core.Envelopes;
import io.tradecoord.coordination.bus.kafka.KafkaSettings;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqSettings;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What all cases of one run share: the run id and the names made from it, the bus settings, admin access to Kafka,
 * RabbitMQ and PostgreSQL (to count what arrived and to clean up), and the clean-up list.
 */
final class BenchEnv {

    static final int PARTITIONS = KafkaSettings.DEFAULT_PARTITIONS;
    static final int KEYS = 1_000;

    final BusOptions options;
    /** The library's defaults but a sweep every 100 ms, and {@code --batch} rows per relay round. */
    final BusSettings settings;
    final String runId = Long.toString(System.currentTimeMillis(), 36);
    /** Kafka topic prefix, RabbitMQ exchange prefix, module name prefix: everything this run leaves is named so. */
    final String prefix = "bench-bus-" + runId;
    final KafkaSettings kafkaSettings;
    final RabbitMqSettings rabbitSettings;
    final List<Runnable> cleanups = new ArrayList<>();
    private Admin kafkaAdmin;
    private Connection rabbitAdmin;
    private final PGSimpleDataSource postgres = new PGSimpleDataSource();

    BenchEnv(BusOptions options) {
        this.options = options;
        this.settings = BusSettings.defaults().withSweepInterval(Duration.ofMillis(100)).withBatchSize(options.batch);
        this.kafkaSettings = new KafkaSettings(options.kafka, prefix + ".", PARTITIONS, 1,
                KafkaSettings.DEFAULT_REQUEST_TIMEOUT_MS, KafkaSettings.DEFAULT_POLL_TIMEOUT_MS);
        RabbitMqSettings d = RabbitMqSettings.defaults();
        this.rabbitSettings = new RabbitMqSettings(options.rabbitmq, prefix + ".events", d.partitions(), d.prefetch(),
                RabbitMqSettings.QueueType.QUORUM, d.confirmTimeoutMillis());
        postgres.setUrl(options.postgresUrl);
        postgres.setUser(options.postgresUser);
    }

    // ------------------------------------------------------------------ envelopes

    /** Event {@code seq} as the bus would write it for {@code module}, on {@code topic}; key {@code key-(seq mod 1000)}. */
    static Envelope envelope(String topic, String module, long seq, long firedNanos) {
        Envelope e = Envelopes.of(BenchEvent.of("key-" + (seq % KEYS), seq, firedNanos), module);
        return new Envelope(e.messageId(), topic, e.key(), e.eventType(), e.occurredAt(), e.sourceModule(),
                e.correlationId(), e.payload());
    }

    /** A pool of distinct envelopes that the publish cases send in turn (message ids repeat after the pool). */
    static Envelope[] envelopePool(String topic, String module, int size) {
        Envelope[] pool = new Envelope[size];
        for (int i = 0; i < size; i++) {
            pool[i] = envelope(topic, module, i, 0);
        }
        return pool;
    }

    /**
     * Writes n events into {@code host}'s outbox with {@code --writers} threads, in transactions of {@code --tx}, each
     * with {@code EventBus.append} as the bus's outbox capture does; {@code afterCommit} runs after every commit.
     * Returns how long the writing took.
     */
    long write(BenchHost host, String topic, int n, Runnable afterCommit) throws Exception {
        int writers = options.writers;
        int tx = options.txSize;
        String module = host.module();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < writers; w++) {
            int from = (int) ((long) n * w / writers);
            int to = (int) ((long) n * (w + 1) / writers);
            Thread t = new Thread(() -> {
                try {
                    for (int i = from; i < to && failure.get() == null; i += tx) {
                        int first = i;
                        int last = Math.min(to, i + tx);
                        host.inTransaction((connection, dispatcher) -> {
                            for (int seq = first; seq < last; seq++) {
                                io.tradecoord.coordination.bus.core.EventBus.append(connection, envelope(topic, module, seq, 0));
                            }
                            return null;
                        });
                        afterCommit.run();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-writer-" + w);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long took = System.nanoTime() - start;
        if (failure.get() != null) {
            throw new Rounds.BenchmarkFailure(module + ": writing the outbox failed: " + failure.get(), failure.get());
        }
        return took;
    }

    BenchHost host(String module, Map<String, Class<?>> consumed) {
        return new BenchHost(module, consumed, options.postgresUrl, options.postgresUser);
    }

    // ------------------------------------------------------------------ Kafka

    synchronized Admin kafkaAdmin() {
        if (kafkaAdmin == null) {
            kafkaAdmin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka,
                    AdminClientConfig.CLIENT_ID_CONFIG, "bench-bus-admin"));
            Admin admin = kafkaAdmin;
            cleanups.add(() -> admin.close(Duration.ofSeconds(10)));
            cleanups.add(this::deleteKafkaTopics);
        }
        return kafkaAdmin;
    }

    /** Creates a topic and waits until every partition's leader answers (KAFKA-15591: sending earlier can lose a batch). */
    void createKafkaTopic(String topic, int partitions) throws Exception {
        kafkaAdmin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try {
                endOffsets(topic, partitions);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new Rounds.BenchmarkFailure("Kafka topic " + topic + ": partition leaders did not answer within 30 s", e);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The sum of the latest offsets of the topic's partitions: how many records it holds in all. */
    long endOffsets(String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        long sum = 0;
        for (ListOffsetsResultInfo info : kafkaAdmin().listOffsets(latest).all().get(30, TimeUnit.SECONDS).values()) {
            sum += info.offset();
        }
        return sum;
    }

    /**
     * Waits until the consumer group is STABLE with {@code members} members that each own at least one partition
     * and together all {@code partitions}: joining members make a cooperative group rebalance several times, and a
     * timed phase must not measure that.
     */
    void awaitGroupStable(String groupId, int members, int partitions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String seen = "?";
        while (System.nanoTime() < deadline) {
            var description = kafkaAdmin().describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(30, TimeUnit.SECONDS);
            int owned = 0;
            boolean everyMember = description.members().size() == members;
            for (var member : description.members()) {
                int n = member.assignment().topicPartitions().size();
                owned += n;
                everyMember &= n > 0;
            }
            seen = description.groupState() + ", " + description.members().size() + " members, " + owned + " partitions owned";
            if (description.groupState() == org.apache.kafka.common.GroupState.STABLE && everyMember && owned == partitions) {
                return;
            }
            Thread.sleep(100);
        }
        throw new Rounds.BenchmarkFailure("Kafka consumer group " + groupId + " not stable within 60 s: " + seen);
    }

    private void deleteKafkaTopics() {
        try {
            List<String> ours = kafkaAdmin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(prefix)).toList();
            if (!ours.isEmpty()) {
                kafkaAdmin.deleteTopics(ours).all().get(30, TimeUnit.SECONDS);
                System.err.println("cleanup: deleted Kafka topics " + ours);
            }
            List<String> groups = kafkaAdmin.listConsumerGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(g -> g.groupId()).filter(g -> g.startsWith(prefix)).toList();
            if (!groups.isEmpty()) {
                // a member that did not leave (its thread ended abnormally) keeps the group until its session expires
                for (String group : groups) {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            kafkaAdmin.deleteConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS);
                            break;
                        } catch (java.util.concurrent.ExecutionException e) {
                            if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupNotEmptyException) || attempt >= 12) {
                                throw e;
                            }
                            Thread.sleep(5_000);
                        }
                    }
                }
                System.err.println("cleanup: deleted Kafka consumer groups " + groups);
            }
        } catch (Exception e) {
            System.err.println("cleanup: Kafka topics/groups of " + prefix + ": " + e);
        }
    }

    // ------------------------------------------------------------------ RabbitMQ

    synchronized Connection rabbitAdmin() throws Exception {
        if (rabbitAdmin == null) {
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(options.rabbitmq);
            rabbitAdmin = factory.newConnection("bench-bus admin");
            cleanups.add(() -> {
                try {
                    rabbitAdmin.close(5_000);
                } catch (IOException | RuntimeException e) {
                    rabbitAdmin.abort();
                }
            });
        }
        return rabbitAdmin;
    }

    /** Runs one admin operation on a fresh channel (a failed operation closes its channel). */
    <T> T rabbit(RabbitOp<T> op) throws Exception {
        try (Channel channel = rabbitAdmin().createChannel()) {
            return op.run(channel);
        }
    }

    @FunctionalInterface
    interface RabbitOp<T> {
        T run(Channel channel) throws Exception;
    }

    /** The queue arguments the transport's Topology gives a partition queue of {@code module}. */
    Map<String, Object> partitionQueueArguments(String deadExchange, String module, String topic) {
        return Map.of("x-queue-type", rabbitSettings.queueType().argument(), "x-dead-letter-exchange", deadExchange,
                "x-dead-letter-routing-key", module + "." + topic, "x-single-active-consumer", true);
    }

    /**
     * Declares {@code partitions} quorum queues {@code <module>.<topic>.p<i>} bound to {@code exchange} with
     * {@code <topic>.p<i>}, as the transport's Topology does for a subscribing module, but with nobody consuming.
     */
    List<String> declarePartitionQueues(String exchange, String deadExchange, String module, String topic) throws Exception {
        List<String> queues = new ArrayList<>();
        for (int p = 0; p < rabbitSettings.partitions(); p++) {
            String queue = module + "." + topic + ".p" + p;
            int partition = p;
            rabbit(ch -> {
                ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
                ch.queueDeclare(queue, true, false, false, partitionQueueArguments(deadExchange, module, topic));
                ch.queueBind(queue, exchange, topic + ".p" + partition);
                return null;
            });
            queues.add(queue);
            cleanups.add(() -> deleteQueue(queue));
        }
        return queues;
    }

    /** Messages ready in the queues, waiting up to 5 s for the count to reach {@code expected} (if not negative). */
    long queueDepth(List<String> queues, long expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long sum;
        do {
            sum = 0;
            for (String q : queues) {
                sum += rabbit(ch -> (long) ch.queueDeclarePassive(q).getMessageCount());
            }
            if (expected < 0 || sum == expected) {
                return sum;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return sum;
    }

    void purge(List<String> queues) throws Exception {
        for (String q : queues) {
            rabbit(ch -> ch.queuePurge(q));
        }
    }

    void deleteQueue(String queue) {
        try {
            rabbit(ch -> ch.queueDelete(queue));
        } catch (Exception e) {
            System.err.println("cleanup: RabbitMQ queue " + queue + ": " + e);
        }
    }

    void deleteExchange(String exchange) {
        try {
            rabbit(ch -> ch.exchangeDelete(exchange));
        } catch (Exception e) {
            System.err.println("cleanup: RabbitMQ exchange " + exchange + ": " + e);
        }
    }

    String rabbitVersion() {
        try {
            return String.valueOf(rabbitAdmin().getServerProperties().get("version"));
        } catch (Exception e) {
            return "(not reachable: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------ PostgreSQL

    java.sql.Connection postgres() throws SQLException {
        return postgres.getConnection();
    }

    /**
     * Creates the bus tables (as a module's join does) so that a producer can fill its outbox before it joins, and
     * rewrites them ({@code VACUUM FULL}): this server runs with autovacuum off, so without it every run would start on
     * the dead rows of all earlier runs and tests, and a plain VACUUM leaves the table at its size (3.7 GB once, for a
     * few live rows; the relay's SELECT cost PostgreSQL twice the CPU on it). Returns what was found and done, for the
     * header.
     */
    String createBusTables() throws SQLException {
        try (java.sql.Connection c = postgres()) {
            BusTables.create(c);
        }
        cleanups.add(this::deleteRows);
        try (java.sql.Connection c = postgres(); var s = c.createStatement()) {
            String autovacuum;
            try (ResultSet rs = s.executeQuery("SELECT current_setting('autovacuum')")) {
                rs.next();
                autovacuum = rs.getString(1);
            }
            String before = outboxSize(s);
            long start = System.nanoTime();
            s.execute("VACUUM (FULL, ANALYZE) coordination_outbox");
            s.execute("VACUUM (FULL, ANALYZE) coordination_inbox");
            return String.format(java.util.Locale.ROOT, "autovacuum=%s on this server; before the run coordination_outbox "
                    + "was %s, VACUUM (FULL, ANALYZE) of coordination_outbox and coordination_inbox took %.1f s; a plain "
                    + "VACUUM of coordination_outbox (as autovacuum would) and a CHECKPOINT after each relay round, untimed",
                    autovacuum, before, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * After each relay round, outside its timing: what autovacuum does on a production server (it is off on this one).
     * Without it each round leaves its events as dead rows, and over a run the table grew to gigabytes and
     * PostgreSQL's CPU per relayed event doubled (8 → 16 µs) from the first rounds to the last. The checkpoint then
     * writes the round's pages out, so that the next round (a relay's or the bare client's) does not run during that
     * disk traffic.
     */
    void afterRelayRound() throws SQLException {
        try (java.sql.Connection c = postgres(); var s = c.createStatement()) {
            s.execute("VACUUM coordination_outbox");
        }
        checkpoint();
    }

    /**
     * Writes PostgreSQL's dirty pages out now (the relay's backlog is ~150 MB of heap and WAL per 100,000 events)
     * instead of while the next measured part runs: a bare producer round right after a relay round ran at half the
     * rate of group 1's, on the same broker.
     */
    void checkpoint() throws SQLException {
        try (java.sql.Connection c = postgres(); var s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
    }

    private static String outboxSize(java.sql.Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT pg_size_pretty(pg_total_relation_size('coordination_outbox')), "
                + "n_live_tup, n_dead_tup FROM pg_stat_user_tables WHERE relname = 'coordination_outbox'")) {
            return rs.next() ? rs.getString(1) + " with " + rs.getLong(2) + " live and " + rs.getLong(3) + " dead rows" : "?";
        }
    }

    long unsent(String module) throws SQLException {
        try (java.sql.Connection c = postgres()) {
            return BusTables.unsentCount(c, module);
        }
    }

    /** Rows left in the module's outbox, sent or not (the relay deletes a row once the broker confirmed it). */
    long outboxRows(String module) throws SQLException {
        return count("SELECT COUNT(*) FROM coordination_outbox WHERE source_module = ?", module);
    }

    long deadLetters(String module) throws SQLException {
        return count("SELECT COUNT(*) FROM coordination_dead_letter WHERE module = ?", module);
    }

    long inboxRows(String module) throws SQLException {
        return count("SELECT COUNT(*) FROM coordination_inbox WHERE module = ?", module);
    }

    private long count(String sql, String module) throws SQLException {
        try (java.sql.Connection c = postgres(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, module);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String postgresInfo() {
        try (java.sql.Connection c = postgres(); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT current_setting('server_version'), current_setting('synchronous_commit'), "
                     + "current_setting('fsync')")) {
            rs.next();
            return rs.getString(1) + " (synchronous_commit=" + rs.getString(2) + ", fsync=" + rs.getString(3) + ")";
        } catch (SQLException e) {
            return "(not reachable: " + e.getMessage() + ")";
        }
    }

    private void deleteRows() {
        try (java.sql.Connection c = postgres()) {
            int rows = 0;
            for (String sql : new String[] {
                "DELETE FROM coordination_outbox WHERE source_module LIKE ?",
                "DELETE FROM coordination_inbox WHERE module LIKE ?",
                "DELETE FROM coordination_dead_letter WHERE module LIKE ?",
                // the subscriptions on record: left behind, the in-JVM bus of a later run waits for these modules
                "DELETE FROM coordination_subscription WHERE module LIKE ?",
                "DELETE FROM coordination_outbox_lease WHERE module LIKE ?",
                "DELETE FROM coordination_retry WHERE module LIKE ?"}) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, prefix + "-%");
                    rows += s.executeUpdate();
                }
            }
            System.err.println("cleanup: deleted " + rows + " bus table rows of " + prefix + "-* from PostgreSQL");
        } catch (SQLException e) {
            System.err.println("cleanup: PostgreSQL rows of " + prefix + ": " + e);
        }
    }

    void checkNoDeadLetters(String module) throws SQLException {
        long dead = deadLetters(module);
        check(dead == 0, module + " has " + dead + " dead letter(s)");
    }
}
