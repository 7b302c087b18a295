package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import com.rabbitmq.client.impl.recovery.RecordedConsumer;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One module's subscription to one topic: all its partition queues, each consumed on its own channel.
 * <p>
 * Threads: the subscription has its own connection whose consumer work pool is a fixed pool of
 * {@code min(concurrency, partitions)} threads. amqp-client runs a channel's deliveries on one pool thread at a
 * time, so at most {@code concurrency} partitions are handled at once and each partition strictly in order.
 * A connection per subscription is what makes {@code concurrency} a per-subscription bound (amqp-client sets the
 * pool per connection), and it keeps a slow module from taking the threads of another.
 */
final class RabbitMqSubscription implements Subscription {

    private static final System.Logger LOG = System.getLogger(RabbitMqSubscription.class.getName());

    /** How long closing waits for the messages in hand to be handled and acked. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;

    private final String description;
    private final Connection connection;
    private final ExecutorService handlerThreads;
    private final List<PartitionConsumer> consumers;
    private final Runnable onClose;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RabbitMqSubscription(String description, Connection connection, ExecutorService handlerThreads,
            List<PartitionConsumer> consumers, Runnable onClose) {
        this.description = description;
        this.connection = connection;
        this.handlerThreads = handlerThreads;
        this.consumers = consumers;
        this.onClose = onClose;
    }

    /** Declares the module's queues for the topic and starts consuming all of them. */
    static RabbitMqSubscription start(ConnectionFactory factory, RabbitMqSettings settings, Topology topology,
            String module, String topic, int concurrency, DeliveryHandler handler, ScheduledExecutorService scheduler,
            Runnable onClose) {
        String description = "module " + module + ", topic " + topic;
        int threads = Math.min(concurrency, settings.partitions());
        ExecutorService handlerThreads = Executors.newFixedThreadPool(threads,
                new NamedThreads("coordination-rabbitmq-" + module + "-" + topic));
        var recoveryWatch = new ConsumerRecoveryWatch();
        ConnectionFactory ownFactory = factory.clone();
        ownFactory.setExceptionHandler(recoveryWatch);
        Connection connection;
        try {
            connection = ownFactory.newConnection(handlerThreads, "tradecoord " + module + " <- " + topic);
        } catch (IOException | TimeoutException e) {
            handlerThreads.shutdownNow();
            throw RabbitMqTransport.unreachable(settings, e);
        }
        List<PartitionConsumer> consumers = new ArrayList<>();
        try {
            // declared on a channel left open until the connection closes: auto-recovery re-declares an entity
            // on the channel that declared it, so that channel must be recovered too
            Channel topologyChannel = connection.createChannel();
            topology.declareExchanges(topologyChannel);
            topology.declareQueues(topologyChannel, module, topic);
            for (int p = 0; p < settings.partitions(); p++) {
                var consumer = new PartitionConsumer(connection, Topology.queue(module, topic, p), settings.prefetch(),
                        handler, scheduler);
                consumer.start();
                consumers.add(consumer);
                recoveryWatch.partitions.put(consumer.queue(), consumer);
            }
            return new RabbitMqSubscription(description, connection, handlerThreads, consumers, onClose);
        } catch (IOException | RuntimeException e) {
            consumers.forEach(PartitionConsumer::close);
            connection.abort();
            handlerThreads.shutdownNow();
            throw new BusTransportException("RabbitMQ at " + settings.uriForDisplay() + " refused the queues or consumers of "
                    + description + ": " + RabbitMqTransport.describe(e), e);
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        consumers.forEach(PartitionConsumer::cancel);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (PartitionConsumer consumer : consumers) {
            consumer.awaitIdle(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        consumers.forEach(PartitionConsumer::close);
        try {
            connection.close((int) CLOSE_WAIT_MILLIS);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the connection of " + description + " failed", e);
            connection.abort();
        }
        handlerThreads.shutdown();
        onClose.run();
    }

    /**
     * amqp-client only logs a consumer it could not restore after a reconnect (e.g. its quorum queue was not
     * ready yet); that partition would then stay silent for good. This hands it back to its
     * {@link PartitionConsumer}, which keeps trying.
     */
    private static final class ConsumerRecoveryWatch extends DefaultExceptionHandler {

        final Map<String, PartitionConsumer> partitions = new ConcurrentHashMap<>();

        @Override
        public void handleTopologyRecoveryException(Connection connection, Channel channel, TopologyRecoveryException e) {
            super.handleTopologyRecoveryException(connection, channel, e);
            if (e.getRecordedEntity() instanceof RecordedConsumer consumer) {
                PartitionConsumer partition = partitions.get(consumer.getQueue());
                if (partition != null) {
                    partition.restartSoon("its consumer was not recovered after a reconnect: " + RabbitMqTransport.describe(e));
                }
            }
        }
    }

    @Override
    public String toString() {
        return "RabbitMqSubscription[" + description + "]";
    }
}
