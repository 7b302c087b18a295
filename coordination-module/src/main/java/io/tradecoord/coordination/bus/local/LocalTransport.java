package io.tradecoord.coordination.bus.local;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.NoSubscriberException;
import io.tradecoord.coordination.bus.spi.Subscription;
import io.tradecoord.coordination.bus.spi.UnroutableException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The in-JVM bus, the embedded default: it delivers between the modules of one EAR without a broker.
 * <p>It has no storage of its own, so "confirmed" means more here than on a broker: the publish future
 * completes only when EVERY subscribed module has applied (or dead-lettered) the event. Until then the event
 * stays unsent in the producer's outbox, so a crash in between loses nothing: the event goes again after the
 * restart and the consumers' inbox drops what they had already applied. Per subscription, events are spread over
 * {@code concurrency} single-threaded lanes by key, so one key is always handled in order.
 * <p>A topic nobody subscribes to fails with {@link NoSubscriberException} (the core decides). A module that subscribes durably
 * ({@link #declareSubscriber}: the bus has it on record) but is not running makes the topic's events fail as
 * unroutable, so they wait in the producer's outbox until it joins: no broker keeps them for it meanwhile.
 */
public final class LocalTransport implements BusTransport {

    private static final System.Logger LOG = System.getLogger(LocalTransport.class.getName());
    private static final long REDELIVERY_PAUSE_MILLIS = 500;
    /** How long closing a subscription waits for the handlers in flight, as the broker transports do. */
    private static final long CLOSE_WAIT_MILLIS = 5_000;
    /** Dead letters kept in memory per module, the newest. */
    static final int MAX_DEAD_LETTER_COPIES = 1_000;

    private final Map<String, List<LocalSubscription>> subscriptionsByTopic = new ConcurrentHashMap<>();
    private final Map<String, List<DeadLetterCopy>> deadLetters = new ConcurrentHashMap<>();
    /** Topic → modules that subscribe to it durably, running or not. */
    private final Map<String, Set<String>> durableSubscribers = new ConcurrentHashMap<>();

    /** A dead letter as the in-JVM bus keeps it (the operators' copy; the module's table is the one replayed). */
    public record DeadLetterCopy(Envelope envelope, String error) {
    }

    @Override
    public String name() {
        return "local";
    }

    /** In this JVM: always answers. */
    @Override
    public void probe() {
    }

    @Override
    public CompletableFuture<Void> publish(Envelope envelope) {
        List<LocalSubscription> subscribers = subscriptionsByTopic.getOrDefault(envelope.topic(), List.of());
        Set<String> durable = durableSubscribers.getOrDefault(envelope.topic(), Set.of());
        if (durable.size() > subscribers.size()) {
            Set<String> absent = new TreeSet<>(durable);
            subscribers.forEach(subscriber -> absent.remove(subscriber.module));
            if (!absent.isEmpty()) {
                return CompletableFuture.failedFuture(new UnroutableException(absent + " subscribe(s) to topic " + envelope.topic()
                        + " but is not running; the in-JVM bus keeps nothing, so the event waits in the outbox"));
            }
        }
        if (subscribers.isEmpty()) {
            return CompletableFuture.failedFuture(new NoSubscriberException("no module subscribes to topic " + envelope.topic()
                    + " on the in-JVM bus"));
        }
        List<CompletableFuture<Void>> applied = new ArrayList<>(subscribers.size());
        for (LocalSubscription subscriber : subscribers) {
            applied.add(subscriber.offer(envelope));
        }
        return CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new));
    }

    @Override
    public void declareSubscriber(String module, String topic) {
        durableSubscribers.computeIfAbsent(topic, t -> ConcurrentHashMap.newKeySet()).add(module);
    }

    @Override
    public Subscription subscribeBrokerDeadLetters(String module, DeliveryHandler handler) {
        return () -> { }; // the in-JVM bus never dead-letters on its own
    }

    @Override
    public Subscription subscribe(String module, String topic, int concurrency, DeliveryHandler handler) {
        declareSubscriber(module, topic);
        LocalSubscription subscription = new LocalSubscription(module, topic, concurrency, handler);
        subscriptionsByTopic.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(subscription);
        return subscription;
    }

    @Override
    public CompletableFuture<Void> deadLetter(String module, Envelope envelope, String error) {
        List<DeadLetterCopy> copies = deadLetters.computeIfAbsent(module, m -> new CopyOnWriteArrayList<>());
        copies.add(new DeadLetterCopy(envelope, error));
        while (copies.size() > MAX_DEAD_LETTER_COPIES) {
            copies.remove(0); // the module's table keeps them all (until their retention); this is the operators' glance
        }
        return CompletableFuture.completedFuture(null);
    }

    /** The dead letters handed to the in-JVM bus for {@code module}, oldest first (the newest 1000). */
    public List<DeadLetterCopy> deadLetterCopies(String module) {
        return List.copyOf(deadLetters.getOrDefault(module, List.of()));
    }

    @Override
    public void close() {
        subscriptionsByTopic.values().forEach(list -> list.forEach(LocalSubscription::close));
        subscriptionsByTopic.clear();
    }

    private final class LocalSubscription implements Subscription {
        private final String module;
        private final String topic;
        private final DeliveryHandler handler;
        private final ExecutorService[] lanes;
        private volatile boolean open = true;

        LocalSubscription(String module, String topic, int concurrency, DeliveryHandler handler) {
            this.module = module;
            this.topic = topic;
            this.handler = handler;
            this.lanes = new ExecutorService[Math.max(1, concurrency)];
            AtomicInteger count = new AtomicInteger();
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "coordination-bus-local-" + module + "-" + topic + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
            }
        }

        CompletableFuture<Void> offer(Envelope envelope) {
            CompletableFuture<Void> applied = new CompletableFuture<>();
            int lane = envelope.key() == null ? 0 : Math.floorMod(envelope.key().hashCode(), lanes.length);
            lanes[lane].execute(() -> deliver(envelope, applied, false));
            return applied;
        }

        private void deliver(Envelope envelope, CompletableFuture<Void> applied, boolean redelivered) {
            // a failing handler (its database is down) blocks this lane, as a broker queue would: order first
            while (open) {
                try {
                    handler.handle(Delivery.of(envelope, redelivered));
                    applied.complete(null);
                    return;
                } catch (Exception e) {
                    if (!open) {
                        break;
                    }
                    LOG.log(Level.WARNING, module + " could not take " + topic + " " + envelope.messageId()
                            + ", delivering again in " + REDELIVERY_PAUSE_MILLIS + " ms: " + e);
                    redelivered = true;
                    try {
                        TimeUnit.MILLISECONDS.sleep(REDELIVERY_PAUSE_MILLIS);
                    } catch (InterruptedException interrupted) {
                        break;
                    }
                }
            }
            // the module stopped first: the event waits in the producer's outbox until the module runs again
            applied.completeExceptionally(new UnroutableException(module + " stopped before it took " + envelope.messageId()));
        }

        /** Stops taking events and waits (bounded) for the handlers in flight; the queued events are handed back. */
        @Override
        public void close() {
            open = false;
            List<LocalSubscription> list = subscriptionsByTopic.get(topic);
            if (list != null) {
                list.remove(this);
            }
            for (ExecutorService lane : lanes) {
                lane.shutdown(); // queued deliveries run, see the subscription closed and hand their event back at once
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
            try {
                for (ExecutorService lane : lanes) {
                    if (!lane.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        LOG.log(Level.WARNING, module + ": a handler of " + topic + " still runs after " + CLOSE_WAIT_MILLIS
                                + " ms, interrupting it; its event is handed back");
                        lane.shutdownNow();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (ExecutorService lane : lanes) {
                    lane.shutdownNow();
                }
            }
        }
    }
}
