package io.tradecoord.benchmarks.bus;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.util.concurrent.CompletableFuture;
import org.HdrHistogram.Histogram;

/**
 * The latency case's view of the relay: a transport that hands everything to the real one and notes, for events
 * of the timed phase, how long after {@code firedNanos} the relay handed the event to the transport and when the
 * broker confirmed it (read from the payload's JSON). Only used in case 4 (200 events/s): its cost is one string
 * search and two histogram records per event.
 */
final class TimedTransport implements BusTransport {

    private final BusTransport delegate;
    /** Events with a sequence number from here on are recorded. */
    volatile long timedFrom = Long.MAX_VALUE;
    final Histogram toPublish = new Histogram(3);
    final Histogram toConfirm = new Histogram(3);

    TimedTransport(BusTransport delegate) {
        this.delegate = delegate;
    }

    void reset(long from) {
        synchronized (this) {
            toPublish.reset();
            toConfirm.reset();
        }
        timedFrom = from;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void probe() {
        delegate.probe();
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        long now = System.nanoTime();
        long seq = number(envelope.payload(), "\"seq\":");
        CompletableFuture<Void> confirmed = delegate.publish(envelope);
        if (seq >= timedFrom) {
            long fired = number(envelope.payload(), "\"firedNanos\":");
            synchronized (this) {
                toPublish.recordValue(Math.max(0, now - fired));
            }
            confirmed.whenComplete((ok, error) -> {
                if (error == null) {
                    long at = System.nanoTime();
                    synchronized (this) {
                        toConfirm.recordValue(Math.max(0, at - fired));
                    }
                }
            });
        }
        return confirmed;
    }

    static long number(String json, String field) {
        int at = json.indexOf(field);
        if (at < 0) {
            return -1;
        }
        int i = at + field.length();
        long value = 0;
        while (i < json.length() && Character.isDigit(json.charAt(i))) {
            value = value * 10 + (json.charAt(i++) - '0');
        }
        return value;
    }

    @Override
    public void declareSubscriber(String module, String topic) {
        delegate.declareSubscriber(module, topic);
    }

    @Override
    public Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler) {
        return delegate.subscribeBrokerDeadLetters(module, handler);
    }

    @Override
    public Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        return delegate.subscribe(module, topic, concurrency, handler);
    }

    @Override
    public CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error) {
        return delegate.deadLetter(module, envelope, error);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
