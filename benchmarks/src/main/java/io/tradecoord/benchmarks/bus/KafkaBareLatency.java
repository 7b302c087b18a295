package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Diagnostic for case 4 on Kafka (--diag): the same steady rate through bare clients, no database, so the bus's
 * Kafka latency can be read against what Kafka itself takes here. A bare producer with the transport's settings
 * sends one record per {@code 1/rate} (the JSON payload carries the send time); {@link BenchEnv#PARTITIONS}
 * bare consumers in one group with the transport's consumer settings (read_committed, auto-commit off, earliest,
 * cooperative-sticky, max.poll.records 100, poll 200 ms) note the receive time. Variant "commits" also commits as
 * the bus's PartitionedConsumerLoop does: commitAsync after each record and commitSync after each polled batch.
 */
final class KafkaBareLatency {

    final String label;
    final boolean commits;
    final Histogram latency = new Histogram(3);
    long timedEvents;
    /** Records received again (first receipt counts): a consumer group rebalance without commits repeats records. */
    final java.util.concurrent.atomic.AtomicLong duplicates = new java.util.concurrent.atomic.AtomicLong();
    /** Synchronous commits that failed (and were retried after the next poll, as the bus's loop does). */
    final java.util.concurrent.atomic.AtomicLong commitFailures = new java.util.concurrent.atomic.AtomicLong();

    private final BenchEnv env;

    KafkaBareLatency(BenchEnv env, boolean commits) {
        this.env = env;
        this.commits = commits;
        this.label = commits ? "bare Kafka, consumers commit like PartitionedConsumerLoop" : "bare Kafka, consumers do not commit";
    }

    void run() throws Exception {
        String topic = env.prefix + ".bare-latency" + (commits ? "-commits" : "");
        env.createKafkaTopic(topic, BenchEnv.PARTITIONS);
        Set<Long> received = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long[] timedFrom = {Long.MAX_VALUE};
        Histogram current = new Histogram(3);
        List<Thread> threads = new ArrayList<>();
        running = true;
        for (int i = 0; i < BenchEnv.PARTITIONS; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(topic, index),
                        new StringDeserializer(), new StringDeserializer())) {
                    consumer.subscribe(List.of(topic));
                    while (running) {
                        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                        Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
                        for (ConsumerRecord<String, String> r : records) {
                            long now = System.nanoTime();
                            long seq = TimedTransport.number(r.value(), "\"seq\":");
                            long fired = TimedTransport.number(r.value(), "\"firedNanos\":");
                            if (!received.add(seq)) {
                                // no commits in the plain variant: a rebalance hands a partition over from its start
                                duplicates.incrementAndGet();
                                continue;
                            }
                            synchronized (current) {
                                if (seq >= timedFrom[0]) {
                                    current.recordValue(Math.max(0, now - fired));
                                }
                            }
                            if (commits) {
                                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                                OffsetAndMetadata next = new OffsetAndMetadata(r.offset() + 1);
                                consumer.commitAsync(Map.of(tp, next), null);
                                handled.put(tp, next);
                            }
                        }
                        if (commits && !handled.isEmpty()) {
                            try {
                                consumer.commitSync(handled, Duration.ofSeconds(10));
                            } catch (org.apache.kafka.common.errors.WakeupException
                                     | org.apache.kafka.common.errors.InterruptException e) {
                                throw e;
                            } catch (org.apache.kafka.common.KafkaException e) {
                                // as PartitionedConsumerLoop.commitHandled: keep going, commit again after the next poll
                                commitFailures.incrementAndGet();
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "bench-bare-consumer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                PublishCases.kafkaProducerConfig(env, "bench-bus-bare-latency"), new StringSerializer(), new StringSerializer())) {
            int rate = env.options.latencyRate;
            int warm = (int) Math.round(rate * env.options.latencyWarmupSeconds);
            int timed = (int) Math.round(rate * env.options.latencySeconds);
            long seq = send(producer, topic, 0, warm, failure);
            await(received, seq, failure);
            env.awaitGroupStable(topic + ".group", BenchEnv.PARTITIONS, BenchEnv.PARTITIONS);
            Thread.sleep(500);
            synchronized (current) {
                timedFrom[0] = seq;
            }
            seq = send(producer, topic, seq, timed, failure);
            await(received, seq, failure);
            check(received.size() == seq, "bare Kafka latency: " + received.size() + " of " + seq + " received");
            if (failure.get() != null) {
                throw new BenchmarkFailure("bare Kafka latency: " + failure.get(), failure.get());
            }
        } finally {
            running = false;
            for (Thread t : threads) {
                t.join(15_000);
            }
        }
        synchronized (current) {
            latency.add(current);
        }
        timedEvents = latency.getTotalCount();
        System.err.printf("  d  %-56s p50 %.2f ms, p99 %.2f ms (%d records received again, %d failed commits)%n", label,
                latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, duplicates.get(),
                commitFailures.get());
    }

    private volatile boolean running;

    private long send(KafkaProducer<String, String> producer, String topic, long seq, int count, AtomicReference<Throwable> failure) {
        long period = TimeUnit.SECONDS.toNanos(1) / env.options.latencyRate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long s = seq + i;
            String payload = BenchEnv.envelope(topic, "bare", s, System.nanoTime()).payload();
            producer.send(new ProducerRecord<>(topic, "key-" + (s % BenchEnv.KEYS), payload), (m, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }
        return seq + count;
    }

    private static void await(Set<Long> received, long total, AtomicReference<Throwable> failure) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (received.size() < total) {
            if (failure.get() != null) {
                throw new BenchmarkFailure("bare Kafka latency: " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("bare Kafka latency: only " + received.size() + " of " + total + " arrived in 90 s");
            }
            Thread.sleep(5);
        }
    }

    private Map<String, Object> consumerConfig(String topic, int index) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, env.options.kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, topic + ".group");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-" + index);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, env.kafkaSettings.requestTimeoutMs());
        return config;
    }
}
