package io.tradecoord.coordination.bus.kafka;

import io.tradecoord.coordination.bus.spi.Subscription;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** The consumer threads of one (module, topic) subscription, all in the same consumer group. */
final class KafkaSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(KafkaSubscription.class.getName());

    private final String groupId;
    private final List<PartitionedConsumerLoop> loops;
    private final long stopTimeoutNanos;
    private final Consumer<KafkaSubscription> onClosed;
    private final AtomicBoolean stopping = new AtomicBoolean();

    KafkaSubscription(String groupId, List<PartitionedConsumerLoop> loops, long stopTimeoutNanos, Consumer<KafkaSubscription> onClosed) {
        this.groupId = groupId;
        this.loops = List.copyOf(loops);
        this.stopTimeoutNanos = stopTimeoutNanos;
        this.onClosed = onClosed;
    }

    void start() {
        loops.forEach(PartitionedConsumerLoop::start);
    }

    /** Signals every thread to stop without waiting, so that several subscriptions stop in parallel. */
    void stop() {
        if (stopping.compareAndSet(false, true)) {
            loops.forEach(PartitionedConsumerLoop::stop);
        }
    }

    /** Waits until the threads ended or the deadline passed; a handler still running is left to finish. */
    void awaitStopped(long deadlineNanos) {
        try {
            for (PartitionedConsumerLoop loop : loops) {
                if (!loop.awaitStopped(deadlineNanos)) {
                    // its consumer is closed by the thread itself once the handler returns (consumers are single-threaded)
                    LOG.log(Level.WARNING, "consumer thread " + loop.threadName() + " is still running a handler;"
                            + " it stops when the handler returns");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            onClosed.accept(this);
        }
    }

    @Override
    public void beginClose() {
        stop();
    }

    long stopTimeoutNanos() {
        return stopTimeoutNanos;
    }

    @Override
    public void close() {
        stop();
        awaitStopped(System.nanoTime() + stopTimeoutNanos);
    }

    @Override
    public String toString() {
        return "KafkaSubscription[" + groupId + ", " + loops.size() + " threads]";
    }
}
