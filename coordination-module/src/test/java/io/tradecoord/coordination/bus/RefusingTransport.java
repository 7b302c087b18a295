package io.tradecoord.coordination.bus;

import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.EventRefusedException;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend's real transport, which can be told to refuse ONE publish (the n-th from now), as a broker's negative
 * acknowledgement would, and which records the message id of every publish in order. Everything else goes to the
 * real broker unchanged.
 */
final class RefusingTransport implements BusTransport {

    private final BusTransport broker;
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger untilRefusal = new AtomicInteger(-1);
    private volatile String refused;
    private final java.util.Set<String> alwaysRefused = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Completed unless the test holds the broker's answers back ({@link #holdConfirms()}). */
    private volatile CompletableFuture<Void> confirmsGate = CompletableFuture.completedFuture(null);

    RefusingTransport(BusTransport broker) {
        this.broker = broker;
    }

    /** The {@code n}-th publish from now (1 = the next) fails instead of reaching the broker; once. */
    void refuse(int n) {
        untilRefusal.set(n);
    }

    /** Every publish of {@code messageId} is refused as the broker refuses one event (e.g. too large), until allowed. */
    void refuseAlways(String messageId) {
        alwaysRefused.add(messageId);
    }

    void allow(String messageId) {
        alwaysRefused.remove(messageId);
    }

    /** From now on the relay learns the broker's answers (confirms and failures) only at {@link #releaseConfirms()}. */
    void holdConfirms() {
        confirmsGate = new CompletableFuture<>();
    }

    void releaseConfirms() {
        confirmsGate.complete(null);
    }

    /** The message id that was refused, or null. */
    String refused() {
        return refused;
    }

    /** Message ids of every publish so far, in order, the refused one included. */
    List<String> published() {
        return List.copyOf(published);
    }

    @Override
    public String name() {
        return broker.name();
    }

    @Override
    public void probe() {
        broker.probe();
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        published.add(envelope.messageId());
        if (alwaysRefused.contains(envelope.messageId())) {
            return CompletableFuture.failedFuture(new EventRefusedException("refused by the test, as a record too large", null));
        }
        if (untilRefusal.get() > 0 && untilRefusal.decrementAndGet() == 0) {
            refused = envelope.messageId();
            // the nack arrives late, as a broker's does: the relay has published more batches meanwhile
            CompletableFuture<Void> nack = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() ->
                    nack.completeExceptionally(new BusTransportException("refused by the test, as a broker nack", null)));
            return nack;
        }
        CompletableFuture<Void> answer = broker.publish(envelope);
        CompletableFuture<Void> gate = confirmsGate;
        return gate.isDone() ? answer : gate.thenCompose(released -> answer);
    }

    @Override
    public void declareSubscriber(String module, String topic) {
        broker.declareSubscriber(module, topic);
    }

    @Override
    public Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler) {
        return broker.subscribeBrokerDeadLetters(module, handler);
    }

    @Override
    public Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        return broker.subscribe(module, topic, concurrency, handler);
    }

    @Override
    public CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error) {
        return broker.deadLetter(module, envelope, error);
    }

    @Override
    public void close() {
        broker.close();
    }
}
