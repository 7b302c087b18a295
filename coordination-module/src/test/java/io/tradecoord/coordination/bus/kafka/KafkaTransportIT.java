package io.tradecoord.coordination.bus.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.EventRefusedException;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import io.tradecoord.coordination.bus.spi.Subscription;
import io.tradecoord.coordination.smoke.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link KafkaTransport} against the real broker of {@code scripts/services.sh}. Every test uses its own topic and
 * module names, so runs never see each other's records or consumer groups.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaTransportIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Admin admin;

    private KafkaTransport transport;

    @BeforeAll
    static void kafkaIsReachable() {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.KAFKA,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
        try {
            admin.describeCluster().nodes().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            admin.close(Duration.ZERO);
            throw TestServices.unreachable("Kafka", TestServices.KAFKA, e);
        }
    }

    @AfterAll
    static void closeAdmin() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(10));
        }
    }

    @BeforeEach
    void newTransport() {
        transport = new KafkaTransport(settings(TestServices.KAFKA, 10_000));
    }

    @AfterEach
    void closeTransport() {
        transport.close();
    }

    @Test
    void roundTripKeepsEveryEnvelopeField() throws Exception {
        String topic = uniqueTopic();
        Recorder recorder = new Recorder();
        try (Subscription ignored = transport.subscribe(uniqueModule("roundtrip"), topic, 1, recorder)) {
            Envelope full = new Envelope(UUID.randomUUID().toString(), topic, "order-17", "OrderPlaced",
                    Instant.parse("2026-11-30T10:15:30.123456789Z"), "order-module",
                    "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "{\"text\":\"Grüße, 10 €\"}");
            Envelope sparse = new Envelope(UUID.randomUUID().toString(), topic, null, "OrderPlaced", Instant.now(),
                    "order-module", null, "{}");
            transport.publish(full).get(20, TimeUnit.SECONDS);
            transport.publish(sparse).get(20, TimeUnit.SECONDS);

            recorder.awaitCount(2);
            Map<String, Delivery> byId = recorder.snapshot().stream()
                    .collect(Collectors.toMap(d -> d.envelope().messageId(), d -> d));
            for (Envelope sent : List.of(full, sparse)) {
                Delivery delivery = byId.get(sent.messageId());
                assertNotNull(delivery, "delivery of " + sent);
                assertEquals(sent, delivery.envelope());
                assertEquals(sent.payload(), delivery.rawBody());
                assertNull(delivery.unreadableReason());
                assertFalse(delivery.redelivered());
            }
        }
    }

    @Test
    void publishedFutureCompletesOnlyOnceTheBrokerHasTheRecord() throws Exception {
        String topic = uniqueTopic();
        Envelope envelope = envelope(topic, "member-3", "{\"n\":1}");

        transport.publish(envelope).get(20, TimeUnit.SECONDS);

        // acknowledged = already in the log: the end offsets show it without waiting
        assertEquals(1, endOffsetSum(topic), "records in " + topic + " right after the future completed");
        List<ConsumerRecord<String, String>> records = readAll(topic, 1);
        ConsumerRecord<String, String> record = records.get(0);
        assertEquals("member-3", record.key());
        assertEquals("{\"n\":1}", record.value());
        EnvelopeHeaders.toHeaders(envelope).forEach((name, value) ->
                assertEquals(value, EnvelopeRecords.lastValue(record.headers(), name), "header " + name));
        assertEquals(4, admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size(),
                "the transport creates a missing topic with the configured partitions");
    }

    /**
     * A burst of sends to a topic created a moment ago. Without waiting until the new partitions are served, about
     * half of such bursts lost sends on the 4.1.2 broker here (KAFKA-15591: the first batch is refused while the
     * partition is being created, later ones are accepted, and the first then fails until delivery.timeout.ms).
     */
    @Test
    void burstsRightAfterTopicCreationAreAllConfirmed() throws Exception {
        for (int round = 0; round < 10; round++) {
            String topic = uniqueTopic();
            List<CompletableFuture<Void>> confirmations = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                confirmations.add(transport.publish(envelope(topic, "key-" + (i % 20), Integer.toString(i))));
            }
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertEquals(400, endOffsetSum(topic), "records in " + topic);
        }
    }

    @Test
    void handlerThrowsOnceThenTheRecordIsRedeliveredAndCommitted() throws Exception {
        String topic = uniqueTopic();
        String module = uniqueModule("retry");
        Envelope first = envelope(topic, "k", "1");
        Envelope second = envelope(topic, "k", "2");
        Envelope third = envelope(topic, "k", "3");
        AtomicBoolean failedOnce = new AtomicBoolean();
        List<Long> secondArrivals = Collections.synchronizedList(new ArrayList<>());
        Recorder recorder = new Recorder(delivery -> {
            if (delivery.envelope().messageId().equals(second.messageId())) {
                secondArrivals.add(System.nanoTime());
                if (failedOnce.compareAndSet(false, true)) {
                    throw new IllegalStateException("database down (simulated)");
                }
            }
        });

        try (Subscription ignored = transport.subscribe(module, topic, 1, recorder)) {
            for (Envelope envelope : List.of(first, second, third)) {
                transport.publish(envelope).get(20, TimeUnit.SECONDS);
            }
            recorder.awaitCount(4);
            assertEquals(List.of(first.messageId(), second.messageId(), second.messageId(), third.messageId()),
                    recorder.messageIds(), "the failed record comes again before the later one of its key");
            long pauseMillis = TimeUnit.NANOSECONDS.toMillis(secondArrivals.get(1) - secondArrivals.get(0));
            assertTrue(pauseMillis >= PartitionedConsumerLoop.RETRY_PAUSE.toMillis() - 50,
                    "redelivered after a pause, was " + pauseMillis + " ms");
            String group = settings(TestServices.KAFKA, 10_000).groupId(module, topic);
            await(() -> committedSum(group) == 3, "group " + group + " commits all three records");
        }

        // same module again: it starts at the committed offsets, so only what is new arrives
        Recorder again = new Recorder();
        try (Subscription ignored = transport.subscribe(module, topic, 1, again)) {
            Envelope marker = envelope(topic, "k", "marker");
            transport.publish(marker).get(20, TimeUnit.SECONDS);
            again.awaitCount(1);
            Thread.sleep(500); // anything re-delivered would have come before the marker (same key, same partition)
            assertEquals(List.of(marker.messageId()), again.messageIds());
        }
    }

    @Test
    void perKeyOrderWithFourPartitionsAndFourThreads() throws Exception {
        String topic = uniqueTopic();
        String module = uniqueModule("order");
        int keys = 20;
        int perKey = 100;
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        Map<String, Set<String>> threadsByKey = new ConcurrentHashMap<>();
        Recorder recorder = new Recorder(delivery -> {
            String[] keyAndSequence = delivery.envelope().payload().split(":");
            seen.computeIfAbsent(keyAndSequence[0], k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Long.parseLong(keyAndSequence[1]));
            threadsByKey.computeIfAbsent(delivery.envelope().key(), k -> ConcurrentHashMap.newKeySet())
                    .add(Thread.currentThread().getName());
        });

        try (Subscription ignored = transport.subscribe(module, topic, 4, recorder)) {
            // publish only once all four consumers hold partitions, so the threads really share the work
            String group = settings(TestServices.KAFKA, 10_000).groupId(module, topic);
            await(() -> assignedMembers(group) == 4, "four consumers of " + group + " with partitions");

            List<CompletableFuture<Void>> confirmations = new ArrayList<>();
            for (int sequence = 0; sequence < perKey; sequence++) {
                for (int key = 0; key < keys; key++) {
                    confirmations.add(transport.publish(envelope(topic, "key-" + key, "key-" + key + ":" + sequence)));
                }
            }
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

            recorder.awaitCount(keys * perKey);
            await(() -> committedSum(group) == keys * perKey, "group " + group + " commits every record");
            assertEquals(keys * perKey, recorder.count(), "no duplicates after everything was committed");
            List<Long> expected = LongStream.range(0, perKey).boxed().toList();
            assertEquals(keys, seen.size());
            seen.forEach((key, sequences) -> assertEquals(expected, sequences, "order of " + key));
            Set<String> threads = recorder.threads();
            assertEquals(4, threads.size(), "threads that handled records: " + threads);
            // no rebalance once all four had partitions: each key (one partition) stayed with one thread
            threadsByKey.forEach((key, names) -> assertEquals(1, names.size(), key + " handled by " + names));
        }
    }

    @Test
    void secondInstanceJoiningMidStreamTakesOverWithoutLossDuplicatesOrReordering() throws Exception {
        String topic = uniqueTopic();
        String module = uniqueModule("scale");
        int keys = 20;
        // one list per key for both instances: the order in which records were handled, across the hand-over
        Map<String, List<Long>> seen = new ConcurrentHashMap<>();
        DeliveryHandler slow = delivery -> {
            String[] keyAndSequence = delivery.envelope().payload().split(":");
            seen.computeIfAbsent(keyAndSequence[0], k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(Long.parseLong(keyAndSequence[1]));
            Thread.sleep(1); // records are being handled when the partitions move
        };
        Recorder first = new Recorder(slow);
        Recorder second = new Recorder(slow);
        AtomicBoolean publishing = new AtomicBoolean(true);
        long[] rounds = new long[1];
        // events keep coming during the hand-over, so the second instance surely gets work on the partitions it takes
        CompletableFuture<Void> publisher = CompletableFuture.runAsync(() -> {
            try {
                for (long sequence = 0; publishing.get() && sequence < 2_000; sequence++) {
                    List<CompletableFuture<Void>> confirmations = new ArrayList<>();
                    for (int key = 0; key < keys; key++) {
                        confirmations.add(transport.publish(envelope(topic, "key-" + key, "key-" + key + ":" + sequence)));
                    }
                    CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
                    rounds[0] = sequence + 1;
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // a second JVM running the same module: the same consumer group, so the partitions are shared out anew
        String group = settings(TestServices.KAFKA, 10_000).groupId(module, topic);
        try (KafkaTransport otherInstance = new KafkaTransport(settings(TestServices.KAFKA, 10_000));
                Subscription a = transport.subscribe(module, topic, 1, first)) {
            first.awaitCount(100);
            try (Subscription b = otherInstance.subscribe(module, topic, 1, second)) {
                second.awaitCount(100);
                publishing.set(false);
                publisher.get(60, TimeUnit.SECONDS);
                long total = rounds[0] * keys;
                await(() -> first.count() + second.count() >= total, "all " + total + " records handled");
                await(() -> committedSum(group) == total, "group " + group + " commits every record");
                assertEquals(total, first.count() + second.count(), "handled once each across the hand-over");
            }
        } finally {
            publishing.set(false);
        }
        List<Long> expected = LongStream.range(0, rounds[0]).boxed().toList();
        assertEquals(keys, seen.size());
        seen.forEach((key, sequences) -> assertEquals(expected, sequences, "order of " + key));
    }

    @Test
    void twoModulesOnOneTopicEachGetEveryEventOnce() throws Exception {
        String topic = uniqueTopic();
        Recorder inventory = new Recorder();
        Recorder member = new Recorder();
        try (Subscription a = transport.subscribe(uniqueModule("inventory"), topic, 2, inventory);
                Subscription b = transport.subscribe(uniqueModule("member"), topic, 1, member)) {
            List<CompletableFuture<Void>> confirmations = new ArrayList<>();
            Set<String> sent = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                Envelope envelope = envelope(topic, "key-" + (i % 7), Integer.toString(i));
                sent.add(envelope.messageId());
                confirmations.add(transport.publish(envelope));
            }
            CompletableFuture.allOf(confirmations.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

            inventory.awaitCount(50);
            member.awaitCount(50);
            Thread.sleep(1_000); // room for a duplicate to show up
            assertEquals(50, inventory.count());
            assertEquals(50, member.count());
            assertEquals(sent, Set.copyOf(inventory.messageIds()));
            assertEquals(sent, Set.copyOf(member.messageIds()));
        }
    }

    @Test
    void deadLetterLandsOnTheModulesDeadLetterTopicWithTheError() throws Exception {
        String module = uniqueModule("dl");
        String topic = uniqueTopic();
        Envelope envelope = envelope(topic, "order-9", "{\"poison\":true}");

        transport.deadLetter(module, envelope, "java.lang.IllegalStateException: no such product\n\tat Shop.apply").get(20, TimeUnit.SECONDS);

        String deadLetterTopic = module + ".dead-letters";
        assertEquals(deadLetterTopic, settings(TestServices.KAFKA, 10_000).deadLetterTopic(module));
        ConsumerRecord<String, String> record = readAll(deadLetterTopic, 1).get(0);
        assertEquals("order-9", record.key());
        assertEquals(envelope.payload(), record.value());
        assertEquals("java.lang.IllegalStateException: no such product\n\tat Shop.apply",
                EnvelopeRecords.lastValue(record.headers(), EnvelopeHeaders.ERROR));
        assertEquals(module, EnvelopeRecords.lastValue(record.headers(), EnvelopeHeaders.DEAD_MODULE));
        // the envelope travels along intact, so the dead letter can be replayed
        assertEquals(envelope, EnvelopeHeaders.fromHeaders(name -> EnvelopeRecords.lastValue(record.headers(), name), record.value()));
    }

    @Test
    void recordWithoutEnvelopeHeadersArrivesAsUnreadable() throws Exception {
        String topic = uniqueTopic();
        admin.createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get(20, TimeUnit.SECONDS);
        Recorder recorder = new Recorder();
        try (Subscription ignored = transport.subscribe(uniqueModule("unreadable"), topic, 1, recorder)) {
            try (var producer = plainProducer()) {
                producer.send(new ProducerRecord<>(topic, "k", "not an envelope")).get(20, TimeUnit.SECONDS);
            }
            Envelope readable = envelope(topic, "k", "{}");
            transport.publish(readable).get(20, TimeUnit.SECONDS);

            recorder.awaitCount(2);
            Delivery unreadable = recorder.snapshot().get(0);
            assertNull(unreadable.envelope());
            assertEquals("not an envelope", unreadable.rawBody());
            assertTrue(unreadable.unreadableReason().contains("header"), unreadable.unreadableReason());
            assertEquals(readable, recorder.snapshot().get(1).envelope(), "delivery goes on after an unreadable record");
        }
    }

    @Test
    void publishToAnUnreachableBrokerFailsInBoundedTime() throws Exception {
        int requestTimeout = 2_000;
        long start = System.nanoTime();
        // the constructor does not need the broker
        KafkaTransport dead = new KafkaTransport(settings("127.0.0.1:1", requestTimeout));
        try {
            assertTrue(elapsedMillis(start) < requestTimeout, "constructor took " + elapsedMillis(start) + " ms");
            String topic = uniqueTopic();

            start = System.nanoTime();
            CompletableFuture<Void> published = dead.publish(envelope(topic, "k", "{}"));
            ExecutionException failure = assertThrows(ExecutionException.class, () -> published.get(30, TimeUnit.SECONDS));
            long publishMillis = elapsedMillis(start);
            assertBoundedFailure(failure, publishMillis, requestTimeout);

            // the producer path on its own (topic creation skipped): metadata wait bounded by max.block.ms
            start = System.nanoTime();
            CompletableFuture<Void> sent = dead.send(new ProducerRecord<>(topic, "k", "{}"), "probe");
            ExecutionException sendFailure = assertThrows(ExecutionException.class, () -> sent.get(30, TimeUnit.SECONDS));
            assertBoundedFailure(sendFailure, elapsedMillis(start), requestTimeout);

            start = System.nanoTime();
            CompletableFuture<Void> deadLettered = dead.deadLetter("m", envelope(topic, "k", "{}"), "boom");
            assertBoundedFailure(assertThrows(ExecutionException.class, () -> deadLettered.get(30, TimeUnit.SECONDS)),
                    elapsedMillis(start), requestTimeout);

            // a subscription does not fail either: it keeps trying in the background and closes promptly
            start = System.nanoTime();
            Subscription subscription = dead.subscribe("m", topic, 2, delivery -> fail("nothing can arrive"));
            Thread.sleep(500);
            subscription.close();
            assertTrue(elapsedMillis(start) < 4L * requestTimeout, "subscribe + close took " + elapsedMillis(start) + " ms");
        } finally {
            start = System.nanoTime();
            dead.close();
            assertTrue(elapsedMillis(start) < 4L * requestTimeout, "close took " + elapsedMillis(start) + " ms");
        }
    }

    @Test
    void closedSubscriptionStopsDeliveringAndTheNextOneResumes() throws Exception {
        String topic = uniqueTopic();
        String module = uniqueModule("close");
        Recorder before = new Recorder();
        Subscription subscription = transport.subscribe(module, topic, 2, before);
        Envelope first = envelope(topic, "k", "1");
        transport.publish(first).get(20, TimeUnit.SECONDS);
        before.awaitCount(1);
        subscription.close();

        Envelope second = envelope(topic, "k", "2");
        transport.publish(second).get(20, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        assertEquals(List.of(first.messageId()), before.messageIds(), "nothing after close");

        Recorder after = new Recorder();
        try (Subscription ignored = transport.subscribe(module, topic, 1, after)) {
            after.awaitCount(1);
            Thread.sleep(300);
            assertEquals(List.of(second.messageId()), after.messageIds());
        }
    }

    @Test
    void aRecordLargerThanTheProducerTakesIsRefusedAsThisEventNotAsAnOutage() throws Exception {
        String topic = uniqueTopic();
        transport.publish(envelope(topic, "k", "{}")).get(30, TimeUnit.SECONDS); // the topic exists
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> transport.publish(envelope(topic, "k", "x".repeat(2_000_000))).get(30, TimeUnit.SECONDS));
        assertInstanceOf(EventRefusedException.class, failure.getCause(), failure.getCause().toString());
        transport.publish(envelope(topic, "k", "{}")).get(30, TimeUnit.SECONDS); // the producer goes on
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> transport.subscribe("m", uniqueTopic(), 0, d -> { }));
        transport.close();
        assertThrows(IllegalStateException.class, () -> transport.subscribe("m", uniqueTopic(), 1, d -> { }));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> transport.publish(envelope(uniqueTopic(), "k", "{}")).get(5, TimeUnit.SECONDS));
        assertInstanceOf(BusTransportException.class, failure.getCause());
    }

    // ---------------------------------------------------------------- helpers

    private static void assertBoundedFailure(ExecutionException failure, long millis, int requestTimeout) {
        BusTransportException cause = assertInstanceOf(BusTransportException.class, failure.getCause());
        assertTrue(cause.getMessage().contains("127.0.0.1:1"), cause.getMessage());
        assertTrue(cause.getMessage().contains(KafkaSettings.BOOTSTRAP_SERVERS_KEY), cause.getMessage());
        // topic creation and the send are each bounded by the request timeout (plus the admin's 1 s guard)
        assertTrue(millis < 2L * requestTimeout + 3_000, "failed only after " + millis + " ms");
    }

    private static KafkaSettings settings(String servers, int requestTimeoutMs) {
        return new KafkaSettings(servers, "", 4, 1, requestTimeoutMs, 200);
    }

    private static String uniqueTopic() {
        return "test." + UUID.randomUUID();
    }

    private static String uniqueModule(String name) {
        return name + "-" + UUID.randomUUID();
    }

    private static Envelope envelope(String topic, String key, String payload) {
        return new Envelope(UUID.randomUUID().toString(), topic, key, "TestEvent", Instant.now(), "test-module",
                "00-" + UUID.randomUUID().toString().replace("-", "") + "-00f067aa0ba902b7-01", payload);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT.toSeconds() + " s waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }

    private static long endOffsetSum(String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().values().stream().mapToLong(info -> info.offset()).sum();
    }

    private static long committedSum(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().filter(o -> o != null).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int assignedMembers(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return (int) description.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            return 0; // the group does not exist yet
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.KAFKA,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertEquals(expected, records.size(), "records in " + topic);
            return records;
        }
    }

    private static KafkaProducer<String, String> plainProducer() {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestServices.KAFKA,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** Records every delivery and the thread it ran on; the optional check may throw to refuse a delivery. */
    private static final class Recorder implements DeliveryHandler {

        private final List<Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
        private final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final DeliveryHandler check;

        Recorder() {
            this(delivery -> { });
        }

        Recorder(DeliveryHandler check) {
            this.check = check;
        }

        @Override
        public void handle(Delivery delivery) throws Exception {
            deliveries.add(delivery);
            threads.add(Thread.currentThread().getName());
            check.handle(delivery);
        }

        void awaitCount(int count) throws InterruptedException {
            await(() -> deliveries.size() >= count, count + " deliveries (have " + deliveries.size() + ")");
        }

        int count() {
            return deliveries.size();
        }

        List<Delivery> snapshot() {
            synchronized (deliveries) {
                return List.copyOf(deliveries);
            }
        }

        List<String> messageIds() {
            return snapshot().stream().map(d -> d.envelope().messageId()).toList();
        }

        Set<String> threads() {
            return Set.copyOf(threads);
        }
    }
}
