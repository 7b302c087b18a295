package io.tradecoord.coordination.bus.kafka;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.EventRefusedException;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The bus on Kafka through kafka-clients.
 * <ul>
 * <li>Publishing: one idempotent producer (acks=all) for the whole transport; the event key is the record key, so
 * events of one key go to one partition in the order they were handed over. A publish is confirmed by the send
 * callback. It fails within about {@value KafkaSettings#REQUEST_TIMEOUT_KEY} while the broker was never reached
 * (metadata, topic creation); once the producer has buffered it, it is retried until the broker takes it, so that no
 * record is dropped from the middle of a key's sequence (the caller bounds its wait for the confirm).</li>
 * <li>Consuming: one consumer group per (module, topic), see {@link KafkaSettings#groupId}, with {@code concurrency}
 * consumers each on its own thread ({@link PartitionedConsumerLoop}); offsets are committed only for handled
 * records.</li>
 * <li>Topics (event topics and {@code <module>.dead-letters}) are created on first use, see {@link KafkaTopics}.</li>
 * </ul>
 * Creating the transport does not contact the broker: the application starts while Kafka is down, publishes fail
 * (and the outbox keeps the events) and subscriptions keep trying in the background until it is back.
 */
public final class KafkaTransport implements BusTransport {

    private static final System.Logger LOG = System.getLogger(KafkaTransport.class.getName());
    static final int MAX_POLL_RECORDS = 100;

    private final KafkaSettings settings;
    private final KafkaTopics topics;
    private final KafkaProducer<String, String> producer;
    private final Set<KafkaSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    /** Event topic → Kafka topic, so that a publish does not build the name again. */
    private final Map<String, String> kafkaTopics = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();

    public KafkaTransport(KafkaSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        KafkaTopics createdTopics = null;
        try {
            createdTopics = new KafkaTopics(settings);
            this.producer = new KafkaProducer<>(producerConfig(settings), new StringSerializer(), new StringSerializer());
        } catch (KafkaException e) {
            if (createdTopics != null) {
                createdTopics.close();
            }
            // e.g. no bootstrap server name resolves
            throw new BusTransportException("cannot set up the Kafka client for " + serversForMessage() + ": " + e.getMessage(), e);
        }
        this.topics = createdTopics;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public void probe() {
        topics.probe();
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        String kafkaTopic = kafkaTopics.get(envelope.topic());
        if (kafkaTopic == null) {
            kafkaTopic = kafkaTopics.computeIfAbsent(envelope.topic(), settings::kafkaTopic);
        }
        return ensureTopicAndSend(EnvelopeRecords.toRecord(kafkaTopic, envelope), "event ", envelope.messageId());
    }

    @Override
    public CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error) {
        String kafkaTopic = settings.deadLetterTopic(module);
        return ensureTopicAndSend(EnvelopeRecords.toDeadLetterRecord(kafkaTopic, module, envelope, error),
                "dead letter of event ", envelope.messageId());
    }

    @Override
    public void declareSubscriber(String module, String topic) {
        // nothing to do: the module's consumer group starts from the earliest retained event
    }

    @Override
    public Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler) {
        return () -> { }; // Kafka never dead-letters a record on its own
    }

    @Override
    public Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(handler, "handler");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (closed.get()) {
            throw new IllegalStateException("the Kafka transport is closed");
        }
        String kafkaTopic = settings.kafkaTopic(topic);
        String groupId = settings.groupId(module, topic);
        List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                consumers.add(new KafkaConsumer<>(consumerConfig(groupId, i), new StringDeserializer(), new StringDeserializer()));
            }
        } catch (KafkaException e) {
            consumers.forEach(consumer -> consumer.close(CloseOptions.timeout(Duration.ZERO)));
            throw new BusTransportException("cannot create the Kafka consumers of group " + groupId + " for "
                    + serversForMessage() + ": " + e.getMessage(), e);
        }
        List<PartitionedConsumerLoop> loops = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            loops.add(new PartitionedConsumerLoop(consumers.get(i), kafkaTopic, groupId, i, handler, topics, settings));
        }
        // the threads stop within this bound unless a handler is still running: a handler is never interrupted
        long stopTimeoutNanos = Duration.ofMillis(2L * settings.requestTimeoutMs() + settings.pollTimeoutMs() + 1_000).toNanos();
        var subscription = new KafkaSubscription(groupId, loops, stopTimeoutNanos, subscriptions::remove);
        subscriptions.add(subscription);
        subscription.start();
        if (closed.get()) {
            // close() ran meanwhile and did not see this subscription
            subscription.close();
            throw new IllegalStateException("the Kafka transport is closed");
        }
        LOG.log(Level.INFO, "subscribed group {0} to Kafka topic {1} with {2} consumer threads", groupId, kafkaTopic, concurrency);
        return subscription;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<KafkaSubscription> open = new ArrayList<>(subscriptions);
        open.forEach(KafkaSubscription::stop);
        long deadline = System.nanoTime() + open.stream().mapToLong(KafkaSubscription::stopTimeoutNanos).max().orElse(0);
        open.forEach(subscription -> subscription.awaitStopped(deadline));
        Duration timeout = Duration.ofMillis(settings.requestTimeoutMs());
        try {
            // waits for sends in flight; their callbacks still complete their futures
            producer.close(timeout);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the Kafka producer failed: " + e);
        }
        try {
            topics.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the Kafka admin client failed: " + e);
        }
    }

    /** {@code what + id} names the message in an error (built only then: this runs for every event). */
    private CompletableFuture<Void> ensureTopicAndSend(ProducerRecord<String, String> record, String what, String id) {
        if (closed.get()) {
            return CompletableFuture.failedFuture(new BusTransportException("the Kafka transport for "
                    + serversForMessage() + " is closed; " + what + id + " was not sent to " + record.topic(), null));
        }
        try {
            // synchronous on first use of a topic, so events handed over by one thread still reach send() in order
            if (topics.ensure(record.topic())) {
                // and the producer's own metadata knows its partitions: a first send on metadata that did not list the
                // new topic yet failed at once with UnknownTopicOrPartitionException (seen once in KafkaTransportIT)
                producer.partitionsFor(record.topic());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(notConfirmed(what + id, record.topic(), e));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(notConfirmed(what + id, record.topic(), e));
        }
        return send(record, what, id);
    }

    /**
     * Sends to an existing topic; the future completes when the broker confirmed (acks=all) or failed. It is
     * completed directly in the producer's callback, i.e. on the producer's I/O thread, as {@link BusTransport#publish}
     * allows: no hand-off per record (one executor task per record cost a quarter of the publish rate). Nothing that
     * can block runs there: the library only waits on these futures with {@code get} from its own threads.
     */
    CompletableFuture<Void> send(ProducerRecord<String, String> record, String what) {
        return send(record, what, "");
    }

    private CompletableFuture<Void> send(ProducerRecord<String, String> record, String what, String id) {
        var confirmed = new CompletableFuture<Void>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    confirmed.complete(null);
                } else {
                    confirmed.completeExceptionally(notConfirmed(what + id, record.topic(), error));
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            // closed, or a record the producer refuses outright (e.g. too large)
            confirmed.completeExceptionally(notConfirmed(what + id, record.topic(), e));
        }
        return confirmed;
    }

    private BusTransportException notConfirmed(String what, String kafkaTopic, Throwable cause) {
        String message = "Kafka at " + serversForMessage() + " did not confirm " + what + " on topic " + kafkaTopic + ": " + cause;
        return refusesThisRecord(cause) ? new EventRefusedException(message, cause) : new BusTransportException(message, cause);
    }

    /** Failures that the same record meets again whatever the broker's state: not an outage. */
    static boolean refusesThisRecord(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RecordTooLargeException || t instanceof InvalidTopicException || t instanceof PolicyViolationException
                    || t instanceof TopicAuthorizationException || t instanceof InvalidRecordException
                    || t instanceof SerializationException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private String serversForMessage() {
        return settings.bootstrapServers() + " (" + KafkaSettings.BOOTSTRAP_SERVERS_KEY + ")";
    }

    private static Map<String, Object> producerConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "tradecoord-bus-producer");
        // durable and in order: idempotence needs acks=all, retries > 0 and at most 5 requests in flight
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // the relay sends one event after another: batch a little, not the default 5 ms per send
        int lingerMs = 1;
        config.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        // a broker never seen fails send() within max.block.ms (metadata). A record once buffered is retried until
        // the broker takes it, however long it is away: had its batch expired, the idempotent producer would start a
        // new sequence and send the batches behind it, so later events of a key would arrive before it is published
        // again (seen across a broker restart). The relay bounds its own wait for the confirm instead.
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, settings.requestTimeoutMs());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.requestTimeoutMs());
        return config;
    }

    private Map<String, Object> consumerConfig(String groupId, int index) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + index);
        // at-least-once: offsets are committed by PartitionedConsumerLoop after the handler returned
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new subscription starts at the beginning, so it gets what was published before it first joined
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // only KafkaTopics creates topics, with the configured partitions
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        // a member joining or leaving moves only the partitions that change owner; the others keep flowing
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, List.of(CooperativeStickyAssignor.class.getName()));
        // handlers may be slow (the core retries with backoff before throwing): a small batch keeps the time
        // between polls well under max.poll.interval.ms, after which the group would take the partitions away
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, MAX_POLL_RECORDS);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, settings.requestTimeoutMs());
        return config;
    }
}
