package io.tradecoord.coordination.bus.kafka;

import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * One consumer thread of a subscription: its own {@link Consumer} in the subscription's group, so the group spreads
 * the topic's partitions over the subscription's threads.
 * <ul>
 * <li>Records of a partition are handled one at a time in offset order, which keeps per-key order.</li>
 * <li>After the handler returned, the next offset of that partition is committed asynchronously at once (so a crash
 * re-delivers little), and all handled offsets are committed synchronously after each polled batch, when partitions
 * are revoked and when the thread stops. Nothing past an unhandled record is ever committed.</li>
 * <li>Handler throws: the partition is sought back to that record and paused for {@link #RETRY_PAUSE}, then the
 * record is polled again; the partition's later records wait behind it, other partitions go on.</li>
 * </ul>
 * All consumer calls, rebalance callbacks included, happen on this thread; only {@link #stop()} comes from another.
 */
final class PartitionedConsumerLoop implements ConsumerRebalanceListener {

    static final Duration RETRY_PAUSE = Duration.ofMillis(500);
    // after a failed poll or topic creation: 0.5 s, doubling, at most 30 s
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private static final System.Logger LOG = System.getLogger(PartitionedConsumerLoop.class.getName());

    private final Consumer<String, String> consumer;
    private final String kafkaTopic;
    private final String groupId;
    private final DeliveryHandler handler;
    private final KafkaTopics topics;
    private final KafkaSettings settings;
    private final Thread thread;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean running = true;

    // per owned partition, the offset after the last handled record; only touched on this loop's thread
    private final Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
    // whether a record was handled since the last commit was sent
    private boolean uncommitted;
    // partitions paused after a handler failure, with the System.nanoTime() at which they resume
    private final Map<TopicPartition, Long> pausedUntil = new HashMap<>();
    // the offset that failed last per partition, to log a repeated failure of the same record quietly
    private final Map<TopicPartition, Long> failingOffset = new HashMap<>();

    PartitionedConsumerLoop(Consumer<String, String> consumer, String kafkaTopic, String groupId, int index,
            DeliveryHandler handler, KafkaTopics topics, KafkaSettings settings) {
        this.consumer = consumer;
        this.kafkaTopic = kafkaTopic;
        this.groupId = groupId;
        this.handler = handler;
        this.topics = topics;
        this.settings = settings;
        this.thread = new Thread(this::run, "tradecoord-kafka-" + groupId + "-" + index);
        // a handler that never returns must not keep the JVM alive
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Asks the thread to stop; it finishes the record in hand, commits what was handled and closes its consumer. */
    void stop() {
        running = false;
        stopSignal.countDown();
        consumer.wakeup();
    }

    /** @return whether the thread ended within the time */
    boolean awaitStopped(long deadlineNanos) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return false; // closed from inside a handler: this thread stops once the handler returns
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
        if (millis > 0) {
            thread.join(millis);
        }
        return !thread.isAlive();
    }

    String threadName() {
        return thread.getName();
    }

    private void run() {
        try {
            if (!awaitTopic()) {
                return;
            }
            consumer.subscribe(List.of(kafkaTopic), this);
            int failures = 0;
            while (running) {
                try {
                    resumeDuePartitions();
                    ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(settings.pollTimeoutMs()));
                    handleBatch(records);
                    commitHandled();
                    failures = 0;
                } catch (WakeupException e) {
                    // from stop(): the loop condition ends the loop
                } catch (InterruptException e) {
                    LOG.log(Level.WARNING, "consumer thread " + thread.getName() + " interrupted, stopping");
                    running = false;
                } catch (KafkaException e) {
                    failures++;
                    long backoff = backoffMillis(failures);
                    LOG.log(Level.WARNING, "polling " + kafkaTopic + " for group " + groupId + " from Kafka at "
                            + settings.bootstrapServers() + " failed, trying again in " + backoff + " ms: " + e);
                    pause(backoff);
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "consumer thread " + thread.getName() + " failed and stopped", e);
        } finally {
            shutDown();
        }
    }

    /** Creates the topic if missing, retrying while the broker is unreachable. @return false if stopped meanwhile */
    private boolean awaitTopic() {
        for (int attempt = 1; running; attempt++) {
            try {
                topics.ensure(kafkaTopic);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                long backoff = backoffMillis(attempt);
                LOG.log(Level.WARNING, "could not create or find Kafka topic " + kafkaTopic + " at " + settings.bootstrapServers()
                        + " (" + KafkaSettings.BOOTSTRAP_SERVERS_KEY + ") for group " + groupId + ", trying again in "
                        + backoff + " ms: " + e);
                pause(backoff);
            }
        }
        return false;
    }

    private void handleBatch(ConsumerRecords<String, String> records) {
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, String> record : records.records(partition)) {
                if (!running) {
                    return; // the rest stays uncommitted and is delivered again, here or elsewhere
                }
                if (!handle(partition, record)) {
                    break; // sought back: the partition's later records come again after the failed one
                }
            }
        }
    }

    /** @return whether the handler returned normally */
    private boolean handle(TopicPartition partition, ConsumerRecord<String, String> record) {
        try {
            handler.handle(EnvelopeRecords.toDelivery(record));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the next consumer call stops the loop
            }
            retryLater(partition, record, e);
            return false;
        }
        failingOffset.remove(partition);
        handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
        uncommitted = true;
        return true;
    }

    private void retryLater(TopicPartition partition, ConsumerRecord<String, String> record, Exception error) {
        Long previous = failingOffset.put(partition, record.offset());
        // the core retried before throwing, so this is e.g. a database outage: say it once per record, not every 500 ms
        Level level = previous != null && previous == record.offset() ? Level.DEBUG : Level.WARNING;
        LOG.log(level, "handler of group " + groupId + " failed on " + partition + "@" + record.offset()
                + ", delivering it again in " + RETRY_PAUSE.toMillis() + " ms: " + error, error);
        consumer.seek(partition, record.offset());
        consumer.pause(List.of(partition));
        pausedUntil.put(partition, System.nanoTime() + RETRY_PAUSE.toNanos());
    }

    private void resumeDuePartitions() {
        if (pausedUntil.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        List<TopicPartition> due = new ArrayList<>();
        pausedUntil.forEach((partition, until) -> {
            if (now - until >= 0) {
                due.add(partition);
            }
        });
        due.forEach(pausedUntil::remove);
        Set<TopicPartition> assigned = consumer.assignment();
        due.removeIf(partition -> !assigned.contains(partition));
        consumer.resume(due);
    }

    /** Commits what was handled; on failure keeps it for the next attempt (or drops it if the group moved on). */
    /**
     * Commits what the last poll's handlers finished, without waiting: the next poll goes out at once. Offsets only
     * grow, so a later commit covers an earlier one that failed; revocation and shutdown commit synchronously. What
     * a crash leaves uncommitted comes again, and the inbox drops it.
     */
    private void commitHandled() {
        if (!uncommitted) {
            return;
        }
        uncommitted = false;
        consumer.commitAsync(new HashMap<>(handled), (offsets, error) -> {
            if (error != null) {
                // not lost: the next commit (or the one on revocation or shutdown) carries these offsets or later ones
                LOG.log(Level.DEBUG, "asynchronous commit of " + offsets + " for group " + groupId + " failed: " + error);
            }
        });
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> revoked = new HashMap<>();
        partitions.forEach(partition -> {
            OffsetAndMetadata offset = handled.get(partition);
            if (offset != null) {
                revoked.put(partition, offset);
            }
        });
        commitQuietly(revoked);
        forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // already owned by another member: committing now would fail, its new owner re-delivers from the last commit
        LOG.log(Level.INFO, "group " + groupId + " lost " + partitions + "; uncommitted records will be delivered again");
        forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        LOG.log(Level.DEBUG, () -> thread.getName() + " assigned " + partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            handled.remove(partition);
            pausedUntil.remove(partition);
            failingOffset.remove(partition);
        });
    }

    /** A last synchronous commit, on revocation and shutdown; a failure only means some records come again. */
    private void commitQuietly(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                consumer.commitSync(offsets, Duration.ofMillis(settings.requestTimeoutMs()));
                return;
            } catch (WakeupException e) {
                // stop() raced with this commit; a wakeup fires once, so the second attempt runs normally
            } catch (KafkaException e) {
                LOG.log(Level.WARNING, "could not commit " + offsets + " for group " + groupId + " at "
                        + settings.bootstrapServers() + "; those records will be delivered again: " + e);
                return;
            }
        }
    }

    private void shutDown() {
        // a set interrupt flag would make every consumer call below throw instead of committing and leaving the group
        boolean interrupted = Thread.interrupted();
        try {
            commitQuietly(new HashMap<>(handled));
            handled.clear();
        } finally {
            try {
                consumer.close(CloseOptions.timeout(Duration.ofMillis(settings.requestTimeoutMs())));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "closing the consumer of " + thread.getName() + " failed: " + e);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void pause(long millis) {
        try {
            stopSignal.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static long backoffMillis(int failures) {
        return Math.min(MAX_BACKOFF_MILLIS, RETRY_PAUSE.toMillis() << Math.min(failures - 1, 10));
    }
}
