package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import io.tradecoord.benchmarks.MachineLoad;
import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.coordination.bus.core.EventBus;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Case 4: end-to-end latency on one backend, from the producer's transaction to the consumer's observer. A producer
 * module writes ONE event per transaction at {@code --rate} events/s (paced on a fixed schedule) and calls
 * {@code bus.committed}; a consumer module subscribed to the topic has an observer that takes
 * {@code System.nanoTime()} and subtracts the event's {@code firedNanos} (taken just before the producer's
 * transaction began; same JVM). Warm-up events first (until every one of them arrived, so a Kafka consumer group is
 * assigned), then the timed events; all must arrive exactly once.
 */
final class LatencyRun {

    final String backend;
    final Histogram latency = new Histogram(3);
    /** The producer's own transaction (insert + commit), from firedNanos to commit returned. */
    final Histogram producerTx = new Histogram(3);
    /** From firedNanos until the relay handed the event to the transport, and until the broker confirmed it. */
    final Histogram toPublish = new Histogram(3);
    final Histogram toConfirm = new Histogram(3);
    /** Kafka only: from firedNanos until a bare KafkaConsumer on the same topic got it (the consumer side's floor). */
    final Histogram bareConsumer = new Histogram(3);
    long timedEvents;
    double foreignPercent;
    double achievedRate;
    int repeated;

    private final BenchEnv env;
    private final EventBus bus;
    private final TimedTransport timed;
    private final String topic;
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong observerCalls = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long timedFrom = Long.MAX_VALUE;
    private Histogram current = new Histogram(3);

    LatencyRun(BenchEnv env, EventBus bus, TimedTransport timed, String backend, String topic) {
        this.env = env;
        this.bus = bus;
        this.timed = timed;
        this.backend = backend;
        this.topic = topic;
    }

    void run(MachineLoad load) throws Exception {
        String producerName = env.prefix + "-lat-" + backend + "-producer";
        String consumerName = env.prefix + "-lat-" + backend + "-consumer";
        BenchHost producer = env.host(producerName, Map.of());
        BenchHost consumer = env.host(consumerName, Map.of(topic, BenchEvent.class));
        consumer.observer(event -> {
            long now = System.nanoTime();
            observerCalls.incrementAndGet();
            if (!received.add(event.seq())) {
                failure.compareAndSet(null, new IllegalStateException("event " + event.seq() + " applied twice"));
            }
            if (event.seq() >= timedFrom) {
                synchronized (this) {
                    current.recordValue(Math.max(0, now - event.firedNanos()));
                }
            }
        });
        BareKafkaConsumer bare = null;
        try {
            bus.join(consumer);
            bus.join(producer);
            if ("kafka".equals(backend)) {
                bare = new BareKafkaConsumer(env.kafkaSettings.bootstrapServers(), env.kafkaSettings.kafkaTopic(topic),
                        BenchEnv.PARTITIONS, env.kafkaSettings.pollTimeoutMs());
            }
            System.err.println("== 4 latency " + backend);
            long seq = 0;
            int warmCount = (int) Math.round(env.options.latencyRate * env.options.latencyWarmupSeconds);
            seq = send(producer, seq, warmCount, new Histogram(3));
            awaitReceived(seq, "warm-up");
            if ("kafka".equals(backend)) {
                // the subscription's consumers join one by one: let the group settle before timing
                env.awaitGroupStable(env.kafkaSettings.groupId(consumerName, topic), env.settings.consumerThreads(),
                        BenchEnv.PARTITIONS);
            }
            System.err.printf("  4 %-8s warmup  %d events arrived%n", backend, warmCount);
            int timedCount = (int) Math.round(env.options.latencyRate * env.options.latencySeconds);
            for (int attempt = 0; ; attempt++) {
                String waited = Rounds.waitForQuiet(env.options, load);
                Histogram tx = new Histogram(3);
                synchronized (this) {
                    current = new Histogram(3);
                }
                timedFrom = seq;
                timed.reset(seq);
                if (bare != null) {
                    bare.timeFrom(seq);
                }
                load.mark();
                long start = System.nanoTime();
                seq = send(producer, seq, timedCount, tx);
                double rate = timedCount / ((System.nanoTime() - start) / 1e9);
                awaitReceived(seq, "timed");
                if (bare != null) {
                    long last = seq - 1;
                    long bareDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (!bare.saw(last) && System.nanoTime() < bareDeadline) {
                        Thread.sleep(5);
                    }
                }
                double foreign = load.foreignPercentSinceMark();
                boolean disturbed = env.options.quietPercent > 0 && foreign > env.options.quietPercent;
                Histogram got;
                synchronized (this) {
                    got = current;
                }
                System.err.printf("  4 %-8s %s %d events at %.0f/s: p50 %.2f ms, p99 %.2f ms  other load %3.0f%%%s%s%n", backend,
                        disturbed && attempt < env.options.repeats ? "extra " : "timed ", timedCount, rate,
                        got.getValueAtPercentile(50) / 1e6, got.getValueAtPercentile(99) / 1e6, foreign, waited,
                        disturbed ? (attempt < env.options.repeats ? "  (disturbed: not counted, run again)"
                                : "  (disturbed, counted: repeats used up)") : "");
                if (disturbed && attempt < env.options.repeats) {
                    repeated++;
                    continue;
                }
                latency.add(got);
                producerTx.add(tx);
                synchronized (timed) {
                    toPublish.add(timed.toPublish);
                    toConfirm.add(timed.toConfirm);
                }
                if (bare != null) {
                    bareConsumer.add(bare.timed());
                    check(bareConsumer.getTotalCount() == timedCount, "4 kafka: the bare consumer saw "
                            + bareConsumer.getTotalCount() + " of " + timedCount + " timed events");
                }
                timedEvents = got.getTotalCount();
                foreignPercent = foreign;
                achievedRate = rate;
                break;
            }
            check(timedEvents == timedCount, "4 " + backend + ": " + timedEvents + " timed events observed, " + timedCount + " sent");
            // checks: each event applied exactly once, nothing dead-lettered, the outbox drained
            check(received.size() == seq && observerCalls.get() == seq, "4 " + backend + ": " + seq + " events sent, "
                    + received.size() + " distinct received, " + observerCalls.get() + " observer calls");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (env.unsent(producerName) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            check(env.unsent(producerName) == 0, "4 " + backend + ": " + env.unsent(producerName) + " outbox rows unsent");
            check(env.inboxRows(consumerName) == seq, "4 " + backend + ": inbox has " + env.inboxRows(consumerName)
                    + " rows for " + seq + " events");
            env.checkNoDeadLetters(consumerName);
        } finally {
            if (bare != null) {
                bare.close();
            }
            bus.leave(producerName);
            bus.leave(consumerName);
            producer.close();
            consumer.close();
            if ("rabbitmq".equals(backend)) {
                // the subscription's partition queues and the module's dead-letter queue, declared by the transport
                for (int p = 0; p < env.rabbitSettings.partitions(); p++) {
                    env.deleteQueue(consumerName + "." + topic + ".p" + p);
                }
                env.deleteQueue(consumerName + ".dead-letters");
            }
        }
    }

    /** Sends {@code count} events from {@code seq} on, one per transaction, on a fixed schedule; returns the next seq. */
    private long send(BenchHost producer, long seq, int count, Histogram tx) throws Exception {
        long period = TimeUnit.SECONDS.toNanos(1) / env.options.latencyRate;
        long start = System.nanoTime();
        String module = producer.module();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long s = seq + i;
            long fired = System.nanoTime();
            producer.inTransaction((connection, dispatcher) -> {
                EventBus.append(connection, BenchEnv.envelope(topic, module, s, fired));
                return null;
            });
            tx.recordValue(System.nanoTime() - fired);
            bus.committed(module);
            if (failure.get() != null) {
                throw new BenchmarkFailure("4 " + backend + ": " + failure.get().getMessage(), failure.get());
            }
        }
        return seq + count;
    }

    private void awaitReceived(long total, String phase) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (received.size() < total) {
            if (failure.get() != null) {
                throw new BenchmarkFailure("4 " + backend + ": " + failure.get().getMessage(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("4 " + backend + ": only " + received.size() + " of " + total + " events ("
                        + phase + ") arrived within 90 s");
            }
            Thread.sleep(5);
        }
    }
}
