package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.Rounds.Case;
import io.tradecoord.benchmarks.Rounds.Round;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Cases 1 and 2: publishing through the bridge's transport against the raw client with the same settings, both
 * pipelined. One round sends for {@code --round} seconds without waiting, then waits for the last confirm; rate =
 * messages / (first send .. last confirm). Latency = from the send call to the confirm as the caller sees it.
 */
final class PublishCases {

    private PublishCases() {
    }

    /** The round loop shared by all four: send, then wait for every confirm, then check the broker's count. */
    abstract static class PublishCase extends Case {
        final BenchEnv env;
        final Envelope[] pool;
        /** Per round, set by the sender's callbacks. */
        AtomicReference<Throwable> failure;
        Confirms confirmed;
        Histogram histogram;

        PublishCase(BenchEnv env, String id, String label, String unit, Envelope[] pool) {
            super(id, label, unit, "send → confirm");
            this.env = env;
            this.pool = pool;
        }

        @Override
        public boolean warmsUp() {
            return env.options.warmupSeconds > 0;
        }

        /** Hands one message to the client; its confirm must record the latency and release {@link #confirmed}. */
        abstract void send(Envelope envelope) throws Exception;

        /** What the broker holds for this case now (Kafka end offsets, RabbitMQ queue depth). */
        abstract long brokerCount(long expected) throws Exception;

        void afterRound() throws Exception {
        }

        void failed(Throwable t) {
            failure.compareAndSet(null, t);
        }

        @Override
        public Round runRound(boolean warmup) throws Exception {
            double seconds = warmup ? env.options.warmupSeconds : env.options.roundSeconds;
            failure = new AtomicReference<>();
            confirmed = new Confirms();
            histogram = new Histogram(3);
            long before = brokerCount(-1);
            startProbes();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long sent = 0;
            try {
                do {
                    send(pool[(int) (sent % pool.length)]);
                    sent++;
                    if ((sent & 1023) == 0 && failure.get() != null) {
                        break;
                    }
                } while (System.nanoTime() < end);
            } catch (Exception e) {
                throw new BenchmarkFailure(id + " " + label + ": send " + (sent + 1) + " failed: " + e, e);
            }
            if (!confirmed.await(sent, 60, TimeUnit.SECONDS)) {
                throw new BenchmarkFailure(id + " " + label + ": only " + confirmed.count() + " of " + sent
                        + " sends confirmed 60 s after the last send" + (failure.get() == null ? "" : "; first error: " + failure.get()));
            }
            long elapsed = System.nanoTime() - start;
            Round round = new Round();
            stopProbes(round);
            Throwable error = failure.get();
            if (error != null) {
                throw new BenchmarkFailure(id + " " + label + ": a send failed: " + error, error);
            }
            long after = brokerCount(before + sent);
            check(after - before == sent, id + " " + label + ": " + sent + " sends confirmed but the broker count grew by "
                    + (after - before));
            afterRound();
            round.ops = sent;
            round.elapsedNanos = elapsed;
            round.latency.add(histogram);
            return round;
        }
    }

    /**
     * Counts a round's confirms and wakes the round's thread ONCE, when the last one is in. A semaphore the round's
     * thread waits on for all permits (as before) woke it at every release of the tail and put one unpark per record on
     * the client's I/O thread, which ran the callbacks: 7 % of the bridge's I/O thread in a profile, more for the case
     * with the longer tail.
     */
    static final class Confirms {
        private final AtomicLong count = new AtomicLong();
        private final CountDownLatch allIn = new CountDownLatch(1);
        private volatile long expected = Long.MAX_VALUE;

        /** One confirm (from a callback). */
        void release() {
            if (count.incrementAndGet() >= expected) {
                allIn.countDown();
            }
        }

        /** Waits until {@code sent} confirms are in; false on timeout. */
        boolean await(long sent, long timeout, TimeUnit unit) throws InterruptedException {
            expected = sent; // a callback after this sees it; one before it is counted in the check below
            return count.get() >= sent || allIn.await(timeout, unit);
        }

        long count() {
            return count.get();
        }
    }

    /**
     * The prototyped hand-off (1d): completions queue up and ONE task at a time drains them, in order, so a burst of
     * confirms costs one executor hand-off and one wake-up instead of one per record.
     */
    static final class BurstExecutor implements java.util.concurrent.Executor {
        private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final java.util.concurrent.atomic.AtomicBoolean scheduled = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.Executor thread;

        BurstExecutor(java.util.concurrent.Executor thread) {
            this.thread = thread;
        }

        @Override
        public void execute(Runnable task) {
            queue.add(task);
            if (scheduled.compareAndSet(false, true)) {
                thread.execute(this::drain);
            }
        }

        private void drain() {
            do {
                Runnable task;
                while ((task = queue.poll()) != null) {
                    task.run();
                }
                scheduled.set(false);
            } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
        }
    }

    static java.util.concurrent.ExecutorService singleThread(String name, BenchEnv env) {
        var executor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        env.cleanups.add(executor::shutdownNow);
        return executor;
    }

    // ------------------------------------------------------------------ Kafka

    /** The same producer settings as KafkaTransport's producerConfig (kafka-clients defaults for the rest). */
    static Map<String, Object> kafkaProducerConfig(BenchEnv env, String clientId) {
        int requestTimeoutMs = env.kafkaSettings.requestTimeoutMs();
        int lingerMs = 1;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaSettings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, requestTimeoutMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, requestTimeoutMs + lingerMs);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, requestTimeoutMs);
        return config;
    }

    /** 1a: {@code KafkaTransport.publish(envelope)}, every future awaited at the end of the round. */
    static final class KafkaBridge extends PublishCase {
        private final BusTransport transport;
        private final String kafkaTopic;

        KafkaBridge(BenchEnv env, BusTransport transport, String topic) throws Exception {
            super(env, "1a", "bridge: KafkaTransport.publish(envelope), futures awaited at the end", "records",
                    BenchEnv.envelopePool(topic, env.prefix + "-publisher", 10_000));
            this.transport = transport;
            this.kafkaTopic = env.kafkaSettings.kafkaTopic(topic);
            // the transport creates its topic on first use (and waits for the leaders): not inside a round
            transport.publish(pool[0]).get(30, TimeUnit.SECONDS);
        }

        @Override
        void send(Envelope envelope) {
            long t0 = System.nanoTime();
            transport.publish(envelope).whenComplete((ok, error) -> {
                if (error != null) {
                    failed(error);
                } else {
                    histogram.recordValue(System.nanoTime() - t0);
                }
                confirmed.release();
            });
        }

        @Override
        long brokerCount(long expected) throws Exception {
            return env.endOffsets(kafkaTopic, BenchEnv.PARTITIONS);
        }
    }

    /** 1b: a bare KafkaProducer with the transport's settings, the same records and headers, a callback each. */
    static final class KafkaBare extends PublishCase {
        private final KafkaProducer<String, String> producer;
        private final String kafkaTopic;

        /** How a diagnostic variant completes: inline (1b), one executor task per record (1c), bursts (1d). */
        enum Hop { NONE, PER_RECORD, BURST }

        /** Diagnostic variants: confirms handed to one thread, as KafkaTransport completes its futures. */
        private final java.util.concurrent.Executor hop;

        KafkaBare(BenchEnv env, String topic) throws Exception {
            this(env, topic, Hop.NONE);
        }

        KafkaBare(BenchEnv env, String topic, Hop mode) throws Exception {
            super(env, switch (mode) {
                case NONE -> "1b";
                case PER_RECORD -> "1c";
                case BURST -> "1d";
            }, switch (mode) {
                case NONE -> "bare KafkaProducer, same settings, records and headers, callback each";
                case PER_RECORD -> "diag: 1b + each confirm completes a CompletableFuture on one executor thread "
                        + "(as KafkaTransport does)";
                case BURST -> "diag: 1c, but the executor takes the completions in bursts (a queue drained by one task)";
            }, "records", BenchEnv.envelopePool(topic, env.prefix + "-publisher", 10_000));
            this.hop = switch (mode) {
                case NONE -> null;
                case PER_RECORD -> singleThread("bench-bus-hop-kafka", env);
                case BURST -> new BurstExecutor(singleThread("bench-bus-burst-kafka", env));
            };
            this.kafkaTopic = env.kafkaSettings.kafkaTopic(topic) + "-" + mode.name().toLowerCase(java.util.Locale.ROOT);
            env.createKafkaTopic(kafkaTopic, BenchEnv.PARTITIONS);
            this.producer = new KafkaProducer<>(kafkaProducerConfig(env, "bench-bus-bare-producer"), new StringSerializer(),
                    new StringSerializer());
            env.cleanups.add(() -> producer.close(java.time.Duration.ofSeconds(10)));
        }

        @Override
        void send(Envelope e) {
            var record = new ProducerRecord<>(kafkaTopic, e.key(), e.payload());
            Headers h = record.headers();
            h.add(EnvelopeHeaders.MESSAGE_ID, e.messageId().getBytes(StandardCharsets.UTF_8));
            h.add(EnvelopeHeaders.TOPIC, e.topic().getBytes(StandardCharsets.UTF_8));
            h.add(EnvelopeHeaders.KEY, e.key().getBytes(StandardCharsets.UTF_8));
            h.add(EnvelopeHeaders.EVENT_TYPE, e.eventType().getBytes(StandardCharsets.UTF_8));
            h.add(EnvelopeHeaders.OCCURRED_AT, e.occurredAt().toString().getBytes(StandardCharsets.UTF_8));
            h.add(EnvelopeHeaders.SOURCE_MODULE, e.sourceModule().getBytes(StandardCharsets.UTF_8));
            h.add(EnvelopeHeaders.TRACEPARENT, e.correlationId().getBytes(StandardCharsets.UTF_8));
            long t0 = System.nanoTime();
            if (hop != null) {
                var future = new java.util.concurrent.CompletableFuture<Void>();
                producer.send(record, (metadata, error) -> hop.execute(() -> {
                    if (error == null) {
                        future.complete(null);
                    } else {
                        future.completeExceptionally(error);
                    }
                }));
                future.whenComplete((ok, error) -> {
                    if (error != null) {
                        failed(error);
                    } else {
                        histogram.recordValue(System.nanoTime() - t0);
                    }
                    confirmed.release();
                });
                return;
            }
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    failed(error);
                } else {
                    histogram.recordValue(System.nanoTime() - t0);
                }
                confirmed.release();
            });
        }

        @Override
        long brokerCount(long expected) throws Exception {
            return env.endOffsets(kafkaTopic, BenchEnv.PARTITIONS);
        }
    }

    // ------------------------------------------------------------------ RabbitMQ

    /** 2a: {@code RabbitMqTransport.publish(envelope)}, at most {@code --window} unconfirmed. */
    static final class RabbitBridge extends PublishCase {
        private final BusTransport transport;
        private final List<String> queues;
        private final Semaphore window;

        RabbitBridge(BenchEnv env, BusTransport transport, String topic) throws Exception {
            super(env, "2a", "bridge: RabbitMqTransport.publish(envelope), window " + env.options.window, "msgs",
                    BenchEnv.envelopePool(topic, env.prefix + "-publisher", 10_000));
            this.transport = transport;
            this.window = new Semaphore(env.options.window);
            // a subscriber's partition queues, bound as the transport binds them, nobody consuming
            this.queues = env.declarePartitionQueues(env.rabbitSettings.exchange(), env.rabbitSettings.deadExchange(),
                    env.prefix + "-sink", topic);
        }

        @Override
        void send(Envelope envelope) throws Exception {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new BenchmarkFailure(id + ": no confirm freed the window within 30 s");
            }
            long t0 = System.nanoTime();
            transport.publish(envelope).whenComplete((ok, error) -> {
                if (error != null) {
                    failed(error);
                } else {
                    histogram.recordValue(System.nanoTime() - t0);
                }
                window.release();
                confirmed.release();
            });
        }

        @Override
        long brokerCount(long expected) throws Exception {
            return env.queueDepth(queues, expected);
        }

        @Override
        void afterRound() throws Exception {
            env.purge(queues);
        }
    }

    /**
     * 2b: bare amqp-client, one confirm-mode channel, asynchronous confirms (a ConfirmListener that handles
     * {@code multiple}), at most {@code --window} unconfirmed, persistent + mandatory, the same properties and
     * headers, to a topic exchange with 4 quorum queues bound and routed by key as the bridge does.
     */
    static final class RabbitBare extends PublishCase {
        private final Connection connection;
        private final Channel channel;
        private final String exchange;
        private final String topic;
        private final List<String> queues;
        private final Semaphore window;
        private final ConcurrentSkipListMap<Long, Long> outstanding = new ConcurrentSkipListMap<>();
        private final int partitions;

        /** Diagnostic variant: each confirm completes a future on one executor thread, as the transport does. */
        private final java.util.concurrent.ExecutorService hop;

        RabbitBare(BenchEnv env, String topic) throws Exception {
            this(env, topic, false);
        }

        RabbitBare(BenchEnv env, String topic, boolean hop) throws Exception {
            super(env, hop ? "2c" : "2b", hop ? "diag: 2b + each confirm completes a CompletableFuture on one executor "
                    + "thread (as the transport does)" : "bare amqp-client: async confirms, window " + env.options.window
                    + ", same properties", "msgs", BenchEnv.envelopePool(topic, env.prefix + "-publisher", 10_000));
            this.hop = hop ? singleThread("bench-bus-hop-rabbitmq", env) : null;
            this.topic = topic;
            this.exchange = env.prefix + (hop ? ".hop" : ".bare");
            this.partitions = env.rabbitSettings.partitions();
            this.window = new Semaphore(env.options.window);
            env.rabbit(ch -> {
                ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
                return null;
            });
            env.cleanups.add(() -> env.deleteExchange(exchange));
            this.queues = env.declarePartitionQueues(exchange, exchange + ".dead", env.prefix + (hop ? "-hop" : "-bare"), topic);
            ConnectionFactory factory = new ConnectionFactory();
            factory.setUri(env.options.rabbitmq);
            this.connection = factory.newConnection("bench-bus bare publisher");
            env.cleanups.add(() -> {
                try {
                    connection.close(5_000);
                } catch (Exception e) {
                    connection.abort();
                }
            });
            this.channel = connection.createChannel();
            channel.confirmSelect();
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    settle(tag, multiple, true);
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    settle(tag, multiple, false);
                }
            });
            channel.addReturnListener(r -> failed(new IllegalStateException("returned (unroutable): " + r.getReplyText()
                    + ", routing key " + r.getRoutingKey())));
        }

        private void settle(long tag, boolean multiple, boolean ack) {
            if (!ack) {
                failed(new IllegalStateException("basic.nack for delivery tag " + tag));
            }
            long now = System.nanoTime();
            if (!multiple) {
                Long t0 = outstanding.remove(tag);
                if (t0 != null) {
                    finish(ack, now, t0);
                }
                return;
            }
            Map.Entry<Long, Long> first;
            while ((first = outstanding.firstEntry()) != null && first.getKey() <= tag) {
                if (outstanding.remove(first.getKey(), first.getValue())) {
                    finish(ack, now, first.getValue());
                }
            }
        }

        private void finish(boolean ack, long now, long t0) {
            if (hop != null) {
                var future = new java.util.concurrent.CompletableFuture<Void>();
                future.whenComplete((ok, error) -> {
                    if (error == null) {
                        histogram.recordValue(System.nanoTime() - t0);
                    }
                    window.release();
                    confirmed.release();
                });
                hop.execute(() -> {
                    if (ack) {
                        future.complete(null);
                    } else {
                        future.completeExceptionally(new IllegalStateException("nack"));
                    }
                });
                return;
            }
            if (ack) {
                histogram.recordValue(now - t0);
            }
            window.release();
            confirmed.release();
        }

        @Override
        void send(Envelope e) throws Exception {
            if (!window.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new BenchmarkFailure(id + ": no confirm freed the window within 30 s");
            }
            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put(EnvelopeHeaders.MESSAGE_ID, e.messageId());
            headers.put(EnvelopeHeaders.TOPIC, e.topic());
            headers.put(EnvelopeHeaders.KEY, e.key());
            headers.put(EnvelopeHeaders.EVENT_TYPE, e.eventType());
            headers.put(EnvelopeHeaders.OCCURRED_AT, e.occurredAt().toString());
            headers.put(EnvelopeHeaders.SOURCE_MODULE, e.sourceModule());
            headers.put(EnvelopeHeaders.TRACEPARENT, e.correlationId());
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                    .messageId(e.messageId())
                    .timestamp(Date.from(e.occurredAt()))
                    .type(e.eventType())
                    .contentType("application/json")
                    .deliveryMode(2)
                    .headers(headers)
                    .build();
            String routingKey = topic + ".p" + Math.floorMod(e.key().hashCode(), partitions);
            long t0 = System.nanoTime();
            outstanding.put(channel.getNextPublishSeqNo(), t0);
            channel.basicPublish(exchange, routingKey, true, properties, e.payload().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        long brokerCount(long expected) throws Exception {
            return env.queueDepth(queues, expected);
        }

        @Override
        void afterRound() throws Exception {
            check(outstanding.isEmpty(), id + ": " + outstanding.size() + " publishes left unconfirmed");
            env.purge(queues);
        }
    }
}
