package io.tradecoord.coordination.bus.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import io.tradecoord.coordination.bus.spi.NoSubscriberException;
import io.tradecoord.coordination.bus.spi.Subscription;
import io.tradecoord.coordination.smoke.TestServices;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RabbitMqTransport} against the real RabbitMQ of scripts/services.sh. Each run uses its own exchanges
 * ({@code test.events.<uuid>}) and module names, and deletes every exchange and queue it created afterwards.
 */
class RabbitMqTransportIT {

    private static final String EXCHANGE = "test.events." + UUID.randomUUID();
    private static final int PARTITIONS = 4;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Set<String> CREATED_QUEUES = ConcurrentHashMap.newKeySet();
    private static final Set<String> CREATED_EXCHANGES = new CopyOnWriteArraySet<>(List.of(EXCHANGE, EXCHANGE + ".dead"));

    private RabbitMqTransport transport;

    @BeforeAll
    static void brokerIsThere() {
        withAdmin(channel -> channel.getConnection().getServerProperties());
    }

    @BeforeEach
    void connect() {
        transport = new RabbitMqTransport(settings(TestServices.RABBITMQ_URI));
    }

    @AfterEach
    void disconnect() {
        if (transport != null) {
            transport.close();
        }
    }

    @AfterAll
    static void deleteTopology() {
        withAdmin(channel -> {
            for (String queue : CREATED_QUEUES) {
                channel.queueDelete(queue);
            }
            for (String exchange : CREATED_EXCHANGES) {
                channel.exchangeDelete(exchange);
            }
            return null;
        });
    }

    @Test
    void roundTripKeepsEveryEnvelopeField() throws Exception {
        String module = module();
        String topic = topic();
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = subscribe(module, topic, 2, received::add)) {
            Envelope full = new Envelope(UUID.randomUUID().toString(), topic, "order-42", "OrderPlaced",
                    Instant.parse("2026-11-30T10:15:30.123456789Z"), "order", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                    "{\"id\":42,\"note\":\"caf\u00e9 \u20ac\"}");
            Envelope bare = new Envelope(UUID.randomUUID().toString(), topic, null, "OrderPlaced", Instant.now(), "order", null, "{}");
            transport.publish(full).get(10, TimeUnit.SECONDS);
            transport.publish(bare).get(10, TimeUnit.SECONDS);

            Map<String, Delivery> byId = new HashMap<>();
            for (int i = 0; i < 2; i++) {
                Delivery delivery = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(delivery, "delivered");
                assertNotNull(delivery.envelope(), () -> "readable: " + delivery.unreadableReason());
                byId.put(delivery.envelope().messageId(), delivery);
            }
            assertEquals(full, byId.get(full.messageId()).envelope());
            assertEquals(bare, byId.get(bare.messageId()).envelope());
            assertEquals(full.payload(), byId.get(full.messageId()).rawBody());
            assertFalse(byId.get(full.messageId()).redelivered());
        }
    }

    @Test
    void publishCompletesWhenConfirmedAndClosedSubscriptionLeavesQueues() throws Exception {
        String module = module();
        String topic = topic();
        AtomicInteger handled = new AtomicInteger();
        subscribe(module, topic, 1, d -> handled.incrementAndGet()).close();

        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(transport.publish(envelope(topic, "key-" + i, i)));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        long stored = withAdmin(channel -> {
            long sum = 0;
            for (int p = 0; p < PARTITIONS; p++) {
                sum += channel.messageCount(Topology.queue(module, topic, p));
            }
            return sum;
        });
        assertEquals(200, stored, "every confirmed event is in a queue of the closed subscription");
        assertEquals(0, handled.get(), "a closed subscription receives nothing");
    }

    @Test
    void anEventNobodySubscribesToFailsAsSuchAndSoDoesAnUnroutableDeadLetter() throws Exception {
        Envelope nobodyListens = envelope(topic(), "k", 1);
        ExecutionException nobody = assertThrows(ExecutionException.class, () -> transport.publish(nobodyListens).get(10, TimeUnit.SECONDS));
        assertInstanceOf(NoSubscriberException.class, nobody.getCause(), "no queue is bound: the core decides");

        ExecutionException deadFailure = assertThrows(ExecutionException.class,
                () -> transport.deadLetter(module(), nobodyListens, "no dead-letter queue yet").get(10, TimeUnit.SECONDS));
        assertInstanceOf(BusTransportException.class, deadFailure.getCause());
        assertTrue(deadFailure.getCause().getMessage().contains("unroutable"), deadFailure.getCause().getMessage());
        assertTrue(deadFailure.getCause().getMessage().contains(nobodyListens.messageId()), deadFailure.getCause().getMessage());

        // the channel stays usable
        String topic = topic();
        try (Subscription ignored = subscribe(module(), topic, 1, d -> { })) {
            transport.publish(envelope(topic, "k", 2)).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void failedHandlerGetsTheMessageAgainAndKeepsTheOrder() throws Exception {
        String module = module();
        String topic = topic();
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        List<Integer> handledInOrder = Collections.synchronizedList(new ArrayList<>());
        List<Boolean> redeliveredFlags = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failuresLeft = new AtomicInteger(1);
        Subscription subscription = subscribe(module, topic, 1, delivery -> {
            int seq = sequence(delivery);
            deliveries.merge(delivery.envelope().messageId(), 1, Integer::sum);
            if (seq == 2 && failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("database down (simulated)");
            }
            if (seq == 2) {
                redeliveredFlags.add(delivery.redelivered());
            }
            handledInOrder.add(seq);
        });
        List<Envelope> sent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Envelope e = envelope(topic, "same-key", i);
            sent.add(e);
            transport.publish(e).get(10, TimeUnit.SECONDS);
        }
        await(() -> handledInOrder.size() == 6, "all six handled");
        subscription.close();

        assertEquals(List.of(0, 1, 2, 3, 4, 5), handledInOrder, "the failed message did not let later ones overtake it");
        assertEquals(2, deliveries.get(sent.get(2).messageId()), "the failed message was delivered twice");
        assertEquals(List.of(true), redeliveredFlags, "the second delivery is marked redelivered");
        long left = withAdmin(channel -> channel.messageCount(Topology.queue(module, topic, new Topology(settings(TestServices.RABBITMQ_URI)).partitionOf("same-key"))));
        assertEquals(0, left, "everything was acked (unacked messages would be back in the queue after close)");
    }

    @Test
    void eventsOfOneKeyArriveInOrderAcrossPartitions() throws Exception {
        String module = module();
        String topic = topic();
        int keys = 20;
        int perKey = 100;
        Topology topology = new Topology(settings(TestServices.RABBITMQ_URI));
        Set<Integer> partitionsUsed = new HashSet<>();
        for (int k = 0; k < keys; k++) {
            partitionsUsed.add(topology.partitionOf("key-" + k));
        }
        assertEquals(PARTITIONS, partitionsUsed.size(), "the keys spread over all partitions");

        Map<String, List<Integer>> byKey = new ConcurrentHashMap<>();
        Set<String> keysInHand = ConcurrentHashMap.newKeySet();
        AtomicInteger inParallel = new AtomicInteger();
        AtomicInteger maxParallel = new AtomicInteger();
        AtomicInteger total = new AtomicInteger();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        try (Subscription ignored = subscribe(module, topic, 4, delivery -> {
            String key = delivery.envelope().key();
            if (!keysInHand.add(key)) {
                violations.add("key " + key + " handled twice at the same time");
            }
            maxParallel.accumulateAndGet(inParallel.incrementAndGet(), Math::max);
            try {
                int seq = sequence(delivery);
                if (seq % 10 == 0) {
                    Thread.sleep(2); // give the other partitions a chance to run at the same time
                }
                byKey.computeIfAbsent(key, k -> Collections.synchronizedList(new ArrayList<>())).add(seq);
            } finally {
                inParallel.decrementAndGet();
                keysInHand.remove(key);
                total.incrementAndGet();
            }
        })) {
            // four publishing threads at once, each owning five keys: publish is thread-safe and keeps each
            // thread's order
            List<CompletableFuture<Void>> futures = Collections.synchronizedList(new ArrayList<>());
            List<Thread> publishers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int first = t * (keys / 4);
                Thread publisher = new Thread(() -> {
                    for (int i = 0; i < perKey; i++) {
                        for (int k = first; k < first + keys / 4; k++) {
                            futures.add(transport.publish(envelope(topic, "key-" + k, i)));
                        }
                    }
                });
                publisher.start();
                publishers.add(publisher);
            }
            for (Thread publisher : publishers) {
                publisher.join(60_000);
            }
            assertEquals(keys * perKey, futures.size());
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            await(() -> total.get() >= keys * perKey, "all " + keys * perKey + " handled");
            Thread.sleep(300); // nothing more may come
        }
        assertEquals(List.of(), violations);
        assertEquals(keys * perKey, total.get(), "each event exactly once");
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < perKey; i++) {
            expected.add(i);
        }
        for (int k = 0; k < keys; k++) {
            assertEquals(expected, byKey.get("key-" + k), "order of key-" + k);
        }
        assertTrue(maxParallel.get() <= 4, "at most concurrency=4 handlers at once, saw " + maxParallel.get());
        assertTrue(maxParallel.get() >= 2, "partitions are handled in parallel, saw " + maxParallel.get());
    }

    @Test
    void deadLetterLandsInTheModulesDeadLetterQueue() throws Exception {
        String module = module();
        String topic = topic();
        subscribe(module, topic, 1, d -> { }).close(); // declares the module's queues
        Envelope envelope = envelope(topic, "k-7", 7);

        transport.deadLetter(module, envelope, "IllegalStateException: no such order 7").get(10, TimeUnit.SECONDS);

        GetResponse response = withAdmin(channel -> channel.basicGet(Topology.deadLetterQueue(module), true));
        assertNotNull(response, "the dead letter is in " + Topology.deadLetterQueue(module));
        Map<String, Object> headers = response.getProps().getHeaders();
        assertEquals("IllegalStateException: no such order 7", headers.get(EnvelopeHeaders.ERROR).toString());
        assertEquals(module, headers.get(EnvelopeHeaders.DEAD_MODULE).toString());
        assertEquals(module + "." + topic, response.getEnvelope().getRoutingKey());
        assertEquals(envelope, AmqpEnvelopes.read(response.getProps(), response.getBody(), false).envelope());
        assertEquals(envelope.messageId(), response.getProps().getMessageId());
        assertEquals(2, response.getProps().getDeliveryMode());
    }

    @Test
    void twoModulesEachGetEveryEventOnce() throws Exception {
        String topic = topic();
        Map<String, Integer> seenByA = new ConcurrentHashMap<>();
        Map<String, Integer> seenByB = new ConcurrentHashMap<>();
        try (Subscription a = subscribe(module(), topic, 2, d -> seenByA.merge(d.envelope().messageId(), 1, Integer::sum));
                Subscription b = subscribe(module(), topic, 2, d -> seenByB.merge(d.envelope().messageId(), 1, Integer::sum))) {
            Set<String> ids = new HashSet<>();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                Envelope e = envelope(topic, "key-" + (i % 7), i);
                ids.add(e.messageId());
                futures.add(transport.publish(e));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            await(() -> seenByA.size() == 100 && seenByB.size() == 100, "both modules got all 100");
            Thread.sleep(300);
            assertEquals(ids, seenByA.keySet());
            assertEquals(ids, seenByB.keySet());
            assertTrue(seenByA.values().stream().allMatch(n -> n == 1), "module A: once each");
            assertTrue(seenByB.values().stream().allMatch(n -> n == 1), "module B: once each");
        }
    }

    @Test
    void messageWithoutEnvelopeHeadersArrivesAsUnreadable() throws Exception {
        String module = module();
        String topic = topic();
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = subscribe(module, topic, 1, received::add)) {
            withAdmin(channel -> {
                var properties = new AMQP.BasicProperties.Builder()
                        .headers(Map.of(EnvelopeHeaders.TOPIC, topic)) // no message-id, occurred-at, ...
                        .build();
                channel.basicPublish(EXCHANGE, Topology.routingKey(topic, 0), properties,
                        "{\"raw\":true}".getBytes(StandardCharsets.UTF_8));
                return null;
            });
            Delivery delivery = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(delivery, "delivered");
            assertNull(delivery.envelope());
            assertEquals("{\"raw\":true}", delivery.rawBody());
            assertTrue(delivery.unreadableReason().contains("missing"), delivery.unreadableReason());
        }
        assertEquals(0L, (long) withAdmin(channel -> channel.messageCount(Topology.queue(module, topic, 0))), "acked");
    }

    @Test
    void publishFailsWhileTheBrokerIsPausedAndConsumersResumeAfterwards() throws Exception {
        String topic = topic();
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = subscribe(module(), topic, 2, received::add)) {
            transport.publish(envelope(topic, "before", 0)).get(10, TimeUnit.SECONDS);
            assertNotNull(received.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "delivered before the pause");

            try {
                rabbitmqctl("stop_app");
                long start = System.nanoTime();
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> transport.publish(envelope(topic, "during", 1)).get(5, TimeUnit.SECONDS),
                        "a publish during the outage fails, it does not hang");
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String message = failure.getCause().getMessage();
                assertInstanceOf(BusTransportException.class, failure.getCause());
                assertTrue(message.contains("127.0.0.1:5672"), message);
                assertTrue(message.contains(RabbitMqSettings.URI_KEY), message);
                assertFalse(message.contains("guest:guest"), message);
                assertTrue(tookMillis < 2_000, "failed fast, took " + tookMillis + " ms");
            } finally {
                rabbitmqctl("start_app");
                rabbitmqctl("await_startup");
            }

            Envelope after = envelope(topic, "after", 2);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    transport.publish(after).get(10, TimeUnit.SECONDS);
                    break;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        fail("no publish succeeded within 60 s after the broker came back", e.getCause());
                    }
                    Thread.sleep(250); // the connection is still recovering
                }
            }
            Delivery delivery = received.poll(60, TimeUnit.SECONDS);
            assertNotNull(delivery, "the existing subscription resumed by itself");
            assertEquals(after, delivery.envelope());
        }
    }

    @Test
    void consumerCancelledByTheBrokerConsumesAgainWhenItsQueueIsBack() throws Exception {
        String module = module();
        String topic = topic();
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        try (Subscription ignored = subscribe(module, topic, 1, received::add)) {
            withAdmin(channel -> channel.queueDelete(Topology.queue(module, topic, 0))); // the broker cancels our consumer
            Thread.sleep(1_500); // a first attempt to consume again fails: the queue is gone
            withAdmin(channel -> {
                new Topology(settings(TestServices.RABBITMQ_URI)).declareQueues(channel, module, topic);
                return null;
            });
            Envelope toPartition0 = envelope(topic, null, 1); // a null key goes to partition 0
            transport.publish(toPartition0).get(10, TimeUnit.SECONDS);
            Delivery delivery = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(delivery, "partition 0 is consumed again");
            assertEquals(toPartition0, delivery.envelope());
        }
    }

    @Test
    void classicQueuesWorkAndAQueueTypeMismatchIsRefusedClearly() throws Exception {
        String module = module();
        String topic = topic();
        var classic = new RabbitMqSettings(URI.create(TestServices.RABBITMQ_URI), EXCHANGE, PARTITIONS, 50,
                RabbitMqSettings.QueueType.CLASSIC, 10_000);
        BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
        try (var classicTransport = new RabbitMqTransport(classic)) {
            try (Subscription ignored = subscribe(classicTransport, module, topic, 1, received::add)) {
                Envelope envelope = envelope(topic, "k", 1);
                classicTransport.publish(envelope).get(10, TimeUnit.SECONDS);
                Delivery delivery = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertNotNull(delivery);
                assertEquals(envelope, delivery.envelope());
            }
        }
        // the same queues declared as quorum queues: RabbitMQ refuses, and the message says why
        BusTransportException refused = assertThrows(BusTransportException.class, () -> subscribe(module, topic, 1, d -> { }));
        assertTrue(refused.getMessage().contains("x-queue-type"), refused.getMessage());
        assertTrue(refused.getMessage().contains("module " + module), refused.getMessage());
    }

    @Test
    void publishingChannelClosedByTheBrokerIsReplaced() throws Exception {
        String exchange = "test.events." + UUID.randomUUID();
        CREATED_EXCHANGES.addAll(List.of(exchange, exchange + ".dead"));
        var settings = new RabbitMqSettings(URI.create(TestServices.RABBITMQ_URI), exchange, PARTITIONS, 50,
                RabbitMqSettings.QueueType.QUORUM, 10_000);
        String module = module();
        String topic = topic();
        try (var own = new RabbitMqTransport(settings)) {
            subscribe(own, module, topic, 1, d -> { }).close();
            withAdmin(channel -> channel.exchangeDelete(exchange + ".dead"));

            // publishing to a missing exchange is a channel error: the broker closes the publishing channel
            ExecutionException failure = assertThrows(ExecutionException.class,
                    () -> own.deadLetter(module, envelope(topic, "k", 1), "error").get(10, TimeUnit.SECONDS));
            assertTrue(failure.getCause().getMessage().contains("NOT_FOUND"), failure.getCause().getMessage());

            own.publish(envelope(topic, "k", 2)).get(10, TimeUnit.SECONDS); // on a new channel
            withAdmin(channel -> {
                new Topology(settings).declareExchanges(channel);
                new Topology(settings).declareQueues(channel, module, topic);
                return null;
            });
            own.deadLetter(module, envelope(topic, "k", 3), "error").get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void constructorFailsFastWhenTheBrokerIsUnreachable() {
        long start = System.nanoTime();
        BusTransportException failure = assertThrows(BusTransportException.class,
                () -> new RabbitMqTransport(settings("amqp://guest:s3cret@127.0.0.1:1/%2F")));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 10_000);
        assertTrue(failure.getMessage().contains("amqp://127.0.0.1:1/%2F"), failure.getMessage());
        assertTrue(failure.getMessage().contains(RabbitMqSettings.URI_KEY), failure.getMessage());
        assertFalse(failure.getMessage().contains("s3cret"), failure.getMessage());
    }

    // ---- helpers

    private static RabbitMqSettings settings(String uri) {
        return new RabbitMqSettings(URI.create(uri), EXCHANGE, PARTITIONS, 50, RabbitMqSettings.QueueType.QUORUM, 10_000);
    }

    private Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        return subscribe(transport, module, topic, concurrency, handler);
    }

    private static Subscription subscribe(RabbitMqTransport on, String module, String topic, int concurrency, DeliveryHandler handler) {
        CREATED_QUEUES.add(Topology.deadLetterQueue(module));
        for (int p = 0; p < PARTITIONS; p++) {
            CREATED_QUEUES.add(Topology.queue(module, topic, p));
        }
        return on.subscribe(module, topic, concurrency, handler);
    }

    private static String module() {
        return "test-m-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String topic() {
        return "test.topic-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Envelope envelope(String topic, String key, int sequence) {
        return new Envelope(UUID.randomUUID().toString(), topic, key, "TestEvent", Instant.now(), "test-source",
                null, "{\"seq\":" + sequence + "}");
    }

    private static int sequence(Delivery delivery) {
        String payload = delivery.envelope().payload();
        return Integer.parseInt(payload.substring(payload.indexOf(':') + 1, payload.indexOf('}')));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting: " + what);
            }
            Thread.sleep(20);
        }
    }

    private interface AdminAction<T> {
        T run(Channel channel) throws IOException;
    }

    /** A fresh connection each time: the broker-pause test breaks long-lived ones. */
    private static <T> T withAdmin(AdminAction<T> action) {
        var factory = new ConnectionFactory();
        Connection connection;
        try {
            factory.setUri(TestServices.RABBITMQ_URI);
            factory.setConnectionTimeout(5_000);
            connection = factory.newConnection("transport-it-admin");
        } catch (Exception e) {
            throw TestServices.unreachable("RabbitMQ", TestServices.RABBITMQ_URI.replaceAll("//[^@]*@", "//"), e);
        }
        try (connection) {
            return action.run(connection.createChannel());
        } catch (IOException e) {
            throw new AssertionError("RabbitMQ admin operation failed: " + e, e);
        }
    }

    private static void rabbitmqctl(String command) throws IOException, InterruptedException, TimeoutException {
        Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new TimeoutException("rabbitmqctl " + command + " did not finish within 120 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "rabbitmqctl " + command + ": " + output);
    }
}
