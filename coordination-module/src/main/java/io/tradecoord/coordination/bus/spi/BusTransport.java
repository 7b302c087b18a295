package io.tradecoord.coordination.bus.spi;

import io.tradecoord.coordination.bus.Envelope;
import java.util.concurrent.CompletableFuture;

/**
 * What a broker backend implements. The library's core does everything else the same way on every backend:
 * the outbox and its relay, the inbox, retries with backoff, dead letters, JSON, CDI.
 * One transport per JVM-wide runtime, used by all modules; thread-safe.
 */
public interface BusTransport extends AutoCloseable {

    /** The backend's configuration name, e.g. {@code kafka}. */
    String name();

    /**
     * Sends one event. Events handed over one after another from the same thread keep that order per key on
     * the broker. The future completes when the broker has CONFIRMED the event durable (RabbitMQ publisher
     * confirm, Kafka acks=all) for every subscription of its topic. It fails if the broker is unreachable or refused
     * the event ({@link EventRefusedException}), with {@link NoSubscriberException} if the backend knows that nobody
     * subscribes to the topic (a broker that keeps events for later consumers, like Kafka, just confirms), and with
     * {@link UnroutableException} if a subscription exists that cannot take the event now; the caller (the outbox
     * relay) decides what to keep and when to try again.
     * <p>
     * The future may be completed on the broker client's own I/O thread (the Kafka transport does so: a hand-off
     * per event would cost more than the send). A caller must therefore not chain anything that blocks or takes
     * long with the non-async methods ({@code thenRun}, {@code whenComplete}, ...): wait with {@code get}, or use
     * the {@code ...Async} variants. The library's own callers only wait with {@code get}.
     */
    CompletableFuture<Void> publish(Envelope envelope);

    /**
     * Starts delivering {@code topic} to {@code module}: the module gets its own durable subscription (queue or
     * consumer group), so it receives every event of the topic once, whatever other modules do. Events with the
     * same key are handed to {@code handler} one at a time, in order; different keys may be handled in parallel
     * on up to {@code concurrency} threads. A message is acknowledged (offset committed) only after the handler
     * returned normally; if the handler throws, the transport redelivers it later (requeue, seek back).
     */
    Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler);

    /**
     * Tells the transport that {@code module} subscribes to {@code topic} durably even while it is not consuming
     * (it is undeployed, or has not started yet): its events must wait for it. A broker keeps them anyway (the
     * module's queues, its consumer group), so brokers do nothing here; the in-JVM bus, which stores nothing, then
     * refuses the topic's events with {@link UnroutableException} until the module subscribes. Called for every
     * subscription the bus has on record, before any relay starts.
     */
    void declareSubscriber(String module, String topic);

    /**
     * Hands {@code handler} the messages of {@code module} that the BROKER dead-lettered on its own (RabbitMQ: a
     * quorum queue's delivery limit, a TTL or a reject by policy), each with {@link Delivery#brokerDeadLetter} set, so
     * they reach the module's dead-letter table like every other; acknowledged when the handler returns. Copies that
     * {@link #deadLetter} put there are skipped. A broker that never dead-letters on its own returns a subscription
     * that does nothing.
     */
    Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler);

    /**
     * Puts a message a module gave up on into the broker's dead-letter destination for that module (dead-letter
     * exchange and queue, dead-letter topic), with the error. Completes when confirmed (on any thread, as
     * {@link #publish}).
     */
    CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error);

    /**
     * Checks that the broker answers now, for readiness checks; returns within a few seconds.
     *
     * @throws BusTransportException naming the broker and what failed, if it does not answer
     */
    void probe();

    @Override
    void close();
}
