package io.tradecoord.benchmarks.bus;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The floor of case 4 on Kafka: a bare {@link KafkaConsumer} on the same topic as the bus's subscription, with the
 * same isolation level and poll timeout, all partitions assigned to one thread (no group, no commits, no database),
 * taking the time since each event was fired the moment {@code poll} hands it over. The bus's consumer differs by
 * what it adds per event: the inbox transaction, the observer call and the offset commits.
 */
final class BareKafkaConsumer implements AutoCloseable {

    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern FIRED = Pattern.compile("\"firedNanos\":(\\d+)");

    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;
    private volatile long timedFrom = Long.MAX_VALUE;
    private Histogram current = new Histogram(3);

    BareKafkaConsumer(String bootstrapServers, String kafkaTopic, int partitions, int pollTimeoutMs) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(kafkaTopic, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        thread = new Thread(() -> {
            try {
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(pollTimeoutMs))) {
                        long now = System.nanoTime();
                        Matcher seq = SEQ.matcher(record.value());
                        Matcher fired = FIRED.matcher(record.value());
                        if (seq.find() && fired.find()) {
                            long s = Long.parseLong(seq.group(1));
                            seen.add(s);
                            if (s >= timedFrom) {
                                synchronized (this) {
                                    current.recordValue(Math.max(0, now - Long.parseLong(fired.group(1))));
                                }
                            }
                        }
                    }
                }
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                // closing
            } finally {
                consumer.close();
            }
        }, "bench-bare-kafka-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a new timed window from sequence number {@code seq} on. */
    synchronized void timeFrom(long seq) {
        current = new Histogram(3);
        timedFrom = seq;
    }

    synchronized Histogram timed() {
        return current.copy();
    }

    boolean saw(long seq) {
        return seen.contains(seq);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
    }
}
