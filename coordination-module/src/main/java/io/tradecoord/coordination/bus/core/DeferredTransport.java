package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A broker transport that could not connect when the application started (the broker was down): the modules
 * deploy and serve anyway. It tries to connect again every {@code retryEvery}; until then every publish fails as an
 * outage (the events wait in the outboxes) and the subscriptions asked for are kept. Once connected it first
 * declares the subscribers on record and starts the kept subscriptions, and only then takes publishes, so the
 * durable subscriptions exist before the first event goes out. A subscription that the broker refuses after that
 * is tried again at the same pace. Thread-safe.
 */
public final class DeferredTransport implements BusTransport {

    private static final System.Logger LOG = System.getLogger(DeferredTransport.class.getName());

    private final String name;
    private final Supplier<BusTransport> connect;
    private final long retryMillis;
    private final ScheduledExecutorService retries;
    private final List<Kept> kept = new ArrayList<>();
    /** Durable subscribers declared so far (every module's join declares all on record again). */
    private final Set<Subscriber> declared = new LinkedHashSet<>();
    private volatile BusTransport connected;
    private volatile String lastFailure;
    private volatile boolean closed;

    /**
     * The transport {@code connect} makes; if it cannot reach the broker now (a {@link BusTransportException}), one that
     * keeps trying in the background. Other exceptions (wrong configuration) are thrown.
     */
    public static BusTransport connect(String name, Supplier<BusTransport> connect, Duration retryEvery) {
        try {
            return connect.get();
        } catch (BusTransportException e) {
            LOG.log(Level.WARNING, "the " + name + " bus cannot reach its broker, the application starts anyway and tries again every "
                    + retryEvery.toMillis() + " ms; events wait in the outboxes meanwhile: " + e.getMessage());
            return new DeferredTransport(name, connect, retryEvery, e.getMessage());
        }
    }

    private DeferredTransport(String name, Supplier<BusTransport> connect, Duration retryEvery, String firstFailure) {
        this.name = name;
        this.connect = connect;
        this.retryMillis = Math.max(1, retryEvery.toMillis());
        this.lastFailure = firstFailure;
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "coordination-bus-" + name + "-connect");
            thread.setDaemon(true);
            return thread;
        });
        retries.schedule(this::tryToConnect, retryMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void probe() {
        BusTransport transport = connected;
        if (transport == null) {
            throw new BusTransportException("the " + name + " broker has not been reached since the application started: " + lastFailure, null);
        }
        transport.probe();
    }

    /** Whether the broker has been reached. */
    public boolean isConnected() {
        return connected != null;
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        BusTransport transport = connected;
        return transport != null ? transport.publish(envelope) : notYet("event " + envelope.messageId());
    }

    @Override
    public CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error) {
        BusTransport transport = connected;
        return transport != null ? transport.deadLetter(module, envelope, error) : notYet("dead letter " + envelope.messageId());
    }

    @Override
    public synchronized void declareSubscriber(String module, String topic) {
        if (declared.add(new Subscriber(module, topic)) && connected != null) {
            connected.declareSubscriber(module, topic);
        }
    }

    private record Subscriber(String module, String topic) {
    }

    @Override
    public synchronized Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        return keep(module + " to " + topic, transport -> transport.subscribe(module, topic, concurrency, handler));
    }

    @Override
    public synchronized Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler) {
        return keep(module + " to its broker dead letters", transport -> transport.subscribeBrokerDeadLetters(module, handler));
    }

    private Subscription keep(String description, Function<BusTransport, Subscription> start) {
        if (closed) {
            throw new IllegalStateException("the " + name + " transport is closed");
        }
        Kept subscription = new Kept(description, start);
        kept.add(subscription);
        if (connected != null) {
            subscription.tryToStart(connected);
            if (subscription.real == null) {
                retries.schedule(this::retryKept, retryMillis, TimeUnit.MILLISECONDS);
            }
        }
        return subscription;
    }

    private void tryToConnect() {
        if (closed) {
            return;
        }
        BusTransport transport;
        try {
            transport = connect.get();
        } catch (RuntimeException e) {
            lastFailure = e.getMessage();
            LOG.log(Level.DEBUG, () -> "the " + name + " bus still cannot reach its broker: " + e.getMessage());
            retries.schedule(this::tryToConnect, retryMillis, TimeUnit.MILLISECONDS);
            return;
        }
        synchronized (this) {
            if (closed) {
                transport.close();
                return;
            }
            declared.forEach(subscriber -> transport.declareSubscriber(subscriber.module(), subscriber.topic()));
            kept.forEach(subscription -> subscription.tryToStart(transport));
            connected = transport; // publishes go through from now on, after the subscriptions exist
        }
        LOG.log(Level.INFO, "the " + name + " bus reached its broker; the outboxes are sent now");
        retryKept();
    }

    private synchronized void retryKept() {
        if (closed || connected == null) {
            return;
        }
        boolean waiting = false;
        for (Kept subscription : kept) {
            subscription.tryToStart(connected);
            waiting |= subscription.real == null && !subscription.closed;
        }
        if (waiting) {
            retries.schedule(this::retryKept, retryMillis, TimeUnit.MILLISECONDS);
        }
    }

    private CompletableFuture<Void> notYet(String what) {
        return CompletableFuture.failedFuture(new BusTransportException("the " + name + " bus has not reached its broker yet, "
                + what + " waits: " + lastFailure, null));
    }

    @Override
    public void close() {
        BusTransport transport;
        synchronized (this) {
            closed = true;
            List.copyOf(kept).forEach(Kept::close);
            transport = connected;
        }
        retries.shutdownNow();
        if (transport != null) {
            transport.close();
        }
    }

    /** A subscription asked for while the broker could not be reached: started once it can. */
    private final class Kept implements Subscription {
        private final String description;
        private final Function<BusTransport, Subscription> start;
        private Subscription real;
        private boolean closed;

        Kept(String description, Function<BusTransport, Subscription> start) {
            this.description = description;
            this.start = start;
        }

        /** Called holding the transport's monitor. */
        void tryToStart(BusTransport transport) {
            if (real != null || closed) {
                return;
            }
            try {
                real = start.apply(transport);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "subscribing " + description + " failed, trying again in " + retryMillis + " ms: "
                        + e.getMessage());
            }
        }

        @Override
        public void beginClose() {
            Subscription started;
            synchronized (DeferredTransport.this) {
                started = real;
            }
            if (started != null) {
                started.beginClose();
            }
        }

        @Override
        public void close() {
            Subscription started;
            synchronized (DeferredTransport.this) {
                closed = true;
                kept.remove(this);
                started = real;
                real = null;
            }
            if (started != null) {
                started.close();
            }
        }
    }
}
