package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import io.tradecoord.coordination.bus.spi.NoSubscriberException;
import io.tradecoord.coordination.bus.spi.Subscription;
import io.tradecoord.coordination.bus.spi.UnroutableException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bus on RabbitMQ with amqp-client.
 * <ul>
 * <li>Topology ({@link Topology}): a durable topic exchange for events and {@code <exchange>.dead} for dead
 * letters; per module and topic {@code partitions} durable queues {@code <module>.<topic>.p<i>} bound with
 * {@code <topic>.p<i>}; per module {@code <module>.dead-letters} bound with {@code <module>.#}.</li>
 * <li>Publishing ({@link ConfirmingPublisher}): to partition {@code hash(key) mod partitions}, persistent,
 * mandatory, on one confirm-mode channel; futures complete on the broker's confirm and fail on a nack, a broken
 * connection or the confirm timeout. An event returned as unroutable has no queue, hence no subscriber (queues are
 * durable): it fails with {@link NoSubscriberException}. A returned dead letter fails.</li>
 * <li>Consuming ({@link RabbitMqSubscription}, {@link PartitionConsumer}): one channel and consumer per partition
 * queue, manual acks, one message at a time per queue.</li>
 * <li>Recovery: amqp-client's automatic connection and topology recovery re-declares the topology and restarts
 * the consumers after the broker comes back; publishes made meanwhile fail at once.</li>
 * </ul>
 * The constructor connects and fails fast ({@link BusTransportException}) if the broker is unreachable.
 */
public final class RabbitMqTransport implements BusTransport {

    private static final System.Logger LOG = System.getLogger(RabbitMqTransport.class.getName());

    /** AMQP headers travel in one frame; a huge stack trace must not make the dead letter itself fail. */
    static final int MAX_ERROR_LENGTH = 8_000;

    private final RabbitMqSettings settings;
    private final Topology topology;
    private final ConnectionFactory factory;
    /** Confirm timeouts and consumer restarts. */
    private final ScheduledExecutorService scheduler;
    /** Heartbeats of all connections; kept apart from {@link #scheduler}, whose restarts may block on the broker. */
    private final ScheduledExecutorService heartbeats;
    /** Completes publish futures in confirm order, off the connection's I/O thread. */
    private final ExecutorService completions;
    private final Connection connection;
    private final ConfirmingPublisher publisher;
    private final Map<String, RabbitMqSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Object subscribing = new Object();
    private final Set<BrokerDeadLetters> deadLetterIntakes = ConcurrentHashMap.newKeySet();
    /** Topics found to have no queue, each logged once. */
    private final Set<String> unconsumedTopics = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    public RabbitMqTransport(RabbitMqSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.topology = new Topology(settings);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new NamedThreads("coordination-rabbitmq-timer"));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(new NamedThreads("coordination-rabbitmq-heartbeat"));
        this.completions = Executors.newSingleThreadExecutor(new NamedThreads("coordination-rabbitmq-confirms"));
        this.factory = settings.connectionFactory();
        factory.setThreadFactory(new NamedThreads("coordination-rabbitmq-io"));
        factory.setHeartbeatExecutor(heartbeats);
        try {
            this.connection = factory.newConnection("tradecoord publisher");
        } catch (IOException | TimeoutException e) {
            shutdownExecutors();
            throw unreachable(settings, e);
        }
        try {
            // left open: auto-recovery re-declares the exchanges on the channel that declared them
            Channel topologyChannel = connection.createChannel();
            topology.declareExchanges(topologyChannel);
            this.publisher = new ConfirmingPublisher(connection, settings.uriForDisplay(), settings.confirmTimeoutMillis(), completions);
        } catch (IOException | RuntimeException e) {
            connection.abort();
            shutdownExecutors();
            throw new BusTransportException("RabbitMQ at " + settings.uriForDisplay() + " refused the exchanges "
                    + settings.exchange() + " and " + settings.deadExchange() + ": " + describe(e), e);
        }
        long sweepMillis = Math.max(10, Math.min(1_000, settings.confirmTimeoutMillis() / 10));
        scheduler.scheduleWithFixedDelay(publisher::expireOverdue, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
        LOG.log(Level.INFO, "bus connected to RabbitMQ at " + settings.uriForDisplay() + " (exchange " + settings.exchange()
                + ", " + settings.partitions() + " partitions, " + settings.queueType().argument() + " queues)");
    }

    @Override
    public String name() {
        return "rabbitmq";
    }

    /** The publisher connection is open; automatic recovery reopens it once the broker answers again. */
    @Override
    public void probe() {
        if (!connection.isOpen()) {
            throw new BusTransportException("RabbitMQ at " + settings.uriForDisplay() + " is not connected: "
                    + describe(connection.getCloseReason()), connection.getCloseReason());
        }
    }

    public RabbitMqSettings settings() {
        return settings;
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        Objects.requireNonNull(envelope, "envelope");
        String description = "event " + envelope.messageId() + " of topic " + envelope.topic();
        try {
            Topology.checkName("topic", envelope.topic());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        String routingKey = Topology.routingKey(envelope.topic(), topology.partitionOf(envelope.key()));
        return publisher.publish(settings.exchange(), routingKey, AmqpEnvelopes.properties(envelope, Map.of()),
                AmqpEnvelopes.body(envelope), description).exceptionallyCompose(failure -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof UnroutableException) {
                        // module queues are durable from a module's first start on: no queue means no subscriber
                        if (unconsumedTopics.add(envelope.topic())) {
                            LOG.log(Level.INFO, "no queue is bound for topic " + envelope.topic() + " on exchange " + settings.exchange()
                                    + ": no module subscribes to it (if one does, every instance must use the same "
                                    + RabbitMqSettings.PARTITIONS_KEY + ")");
                        }
                        return CompletableFuture.failedFuture(new NoSubscriberException(cause.getMessage()));
                    }
                    return CompletableFuture.failedFuture(cause);
                });
    }

    @Override
    public CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error) {
        Objects.requireNonNull(envelope, "envelope");
        try {
            Topology.checkName("module", module);
            Topology.checkName("topic", envelope.topic());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        String text = error == null ? "(no error given)" : error;
        if (text.length() > MAX_ERROR_LENGTH) {
            text = text.substring(0, MAX_ERROR_LENGTH) + "... (truncated)";
        }
        var properties = AmqpEnvelopes.properties(envelope, Map.of(EnvelopeHeaders.ERROR, text, EnvelopeHeaders.DEAD_MODULE, module));
        return publisher.publish(settings.deadExchange(), Topology.deadLetterRoutingKey(module, envelope.topic()), properties,
                AmqpEnvelopes.body(envelope), "dead letter " + envelope.messageId() + " of module " + module);
    }

    @Override
    public void declareSubscriber(String module, String topic) {
        // nothing to do: the module's queues keep its events while it is away
    }

    @Override
    public Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        Topology.checkName("module", module);
        Topology.checkName("topic", topic);
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        Objects.requireNonNull(handler, "handler");
        String id = module + " " + topic;
        synchronized (subscribing) {
            if (closed) {
                throw new IllegalStateException("the RabbitMQ transport is closed");
            }
            if (subscriptions.containsKey(id)) {
                // a second consumer on the same single-active-consumer queues would only stand by
                throw new IllegalStateException("module " + module + " is already subscribed to topic " + topic);
            }
            var subscription = RabbitMqSubscription.start(factory, settings, topology, module, topic, concurrency, handler,
                    scheduler, () -> subscriptions.remove(id));
            subscriptions.put(id, subscription);
            return subscription;
        }
    }

    @Override
    public Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler) {
        Topology.checkName("module", module);
        Objects.requireNonNull(handler, "handler");
        synchronized (subscribing) {
            if (closed) {
                throw new IllegalStateException("the RabbitMQ transport is closed");
            }
            BrokerDeadLetters intake = BrokerDeadLetters.start(factory, settings, topology, module, handler, scheduler);
            deadLetterIntakes.add(intake);
            return () -> {
                if (deadLetterIntakes.remove(intake)) {
                    intake.close();
                }
            };
        }
    }

    @Override
    public void close() {
        synchronized (subscribing) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List.copyOf(subscriptions.values()).forEach(RabbitMqSubscription::close);
        List.copyOf(deadLetterIntakes).forEach(intake -> {
            if (deadLetterIntakes.remove(intake)) {
                intake.close();
            }
        });
        publisher.close();
        try {
            connection.close(RabbitMqSettings.CONNECT_TIMEOUT_MILLIS);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the publishing connection failed", e);
            connection.abort();
        }
        shutdownExecutors();
    }

    private void shutdownExecutors() {
        scheduler.shutdownNow();
        heartbeats.shutdownNow();
        completions.shutdown(); // runs the completions already queued: no caller is left waiting
        try {
            completions.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static BusTransportException unreachable(RabbitMqSettings settings, Exception cause) {
        return new BusTransportException("RabbitMQ at " + settings.uriForDisplay() + " is not reachable (set "
                + RabbitMqSettings.URI_KEY + "): " + describe(cause), cause);
    }

    /** amqp-client often wraps the broker's reason in an IOException without a message. */
    static String describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return failure.getClass().getName();
    }
}
