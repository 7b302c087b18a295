package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bus of one JVM-wide runtime: one transport, and for every module that joined, its outbox relay and its
 * subscriptions. Modules join when they start and leave when they stop; the bus never holds a module's
 * classes after it left.
 */
public final class EventBus implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());

    private final BusTransport transport;
    private final BusSettings settings;
    private final Map<String, Member> members = new ConcurrentHashMap<>();

    public EventBus(BusTransport transport, BusSettings settings) {
        this.transport = transport;
        this.settings = settings;
    }

    public String backend() {
        return transport.name();
    }

    public BusSettings settings() {
        return settings;
    }

    /**
     * Joins a module: creates the bus tables in its database if needed, puts its subscriptions on record (and
     * learns those on record from earlier runs), subscribes it to every topic it observes, lets the other modules'
     * relays send what waited for it, and only then starts its own outbox relay. If a step fails, what the earlier
     * ones started is stopped again.
     */
    public synchronized void join(ModuleHost host) throws Exception {
        Instant now = Instant.now();
        Set<String> topics = host.consumedTopics().keySet();
        Map<String, Set<String>> onRecord = host.inTransaction((connection, dispatcher) -> {
            BusTables.create(connection);
            for (String topic : topics) {
                BusTables.recordSubscription(connection, host.module(), topic, now);
            }
            for (Member other : members.values()) { // modules on other databases: each keeps the other's record
                for (String topic : other.host().consumedTopics().keySet()) {
                    BusTables.recordSubscription(connection, other.host().module(), topic, now);
                }
            }
            return BusTables.subscriptions(connection);
        });
        for (Member other : members.values()) {
            if (!other.host().module().equals(host.module()) && !topics.isEmpty()) {
                other.host().inTransaction((connection, dispatcher) -> {
                    for (String topic : topics) {
                        BusTables.recordSubscription(connection, host.module(), topic, now);
                    }
                    return null;
                });
            }
        }
        onRecord.forEach((module, itsTopics) -> itsTopics.forEach(topic -> transport.declareSubscriber(module, topic)));

        Member member = new Member(host, new OutboxRelay(host, transport, settings), new ArrayList<>());
        Member previous = members.put(host.module(), member);
        if (previous != null) {
            previous.stop();
        }
        try {
            for (Map.Entry<String, Class<?>> consumed : host.consumedTopics().entrySet()) {
                member.subscriptions().add(transport.subscribe(host.module(), consumed.getKey(), settings.consumerThreads(),
                        new InboundDelivery(host, consumed.getValue(), transport, settings)));
            }
            if (!topics.isEmpty()) {
                for (Member producer : members.values()) {
                    sendWhatWaited(producer, topics);
                }
            }
            member.relay().start();
        } catch (Exception | Error e) {
            members.remove(host.module(), member);
            member.stop();
            throw e;
        }
        LOG.log(Level.INFO, host.module() + " joined the " + transport.name() + " bus; consumes " + topics);
    }

    /** Makes the rows {@code producer} parked for {@code topics} (their subscriber was away) due, and wakes its relay. */
    private static void sendWhatWaited(Member producer, Set<String> topics) {
        try {
            int unparked = producer.host().inTransaction((connection, dispatcher) ->
                    BusTables.unpark(connection, producer.host().module(), topics));
            if (unparked > 0) {
                producer.relay().nudge();
            }
        } catch (Exception e) {
            // they go at the end of their park time instead
            LOG.log(Level.WARNING, "could not wake the parked events of " + producer.host().module() + ": " + e);
        }
    }

    /** Stops the module's relay and subscriptions; its unsent outbox rows wait for its next start. */
    public void leave(String module) {
        Member member = members.remove(module);
        if (member != null) {
            member.stop();
        }
    }

    public boolean hasMembers() {
        return !members.isEmpty();
    }

    /** Called after a transaction that wrote {@code module}'s outbox committed. */
    public void committed(String module) {
        Member member = members.get(module);
        if (member != null) {
            member.relay().nudge();
        }
    }

    /** Writes an event to the outbox of the module whose transaction {@code connection} belongs to. */
    public static void append(java.sql.Connection connection, Envelope envelope) throws java.sql.SQLException {
        BusTables.appendToOutbox(connection, envelope);
    }

    public List<DeadLetter> deadLetters(String module, int limit, boolean pendingOnly) throws Exception {
        ModuleHost host = member(module).host();
        return host.inTransaction((connection, dispatcher) -> BusTables.deadLetters(connection, module, limit, pendingOnly));
    }

    /** Re-delivers a dead letter to its module; true if applied now, false if it had been applied already. */
    public boolean replay(String module, long deadLetterId) throws Exception {
        ModuleHost host = member(module).host();
        DeadLetter letter = host.inTransaction((connection, dispatcher) -> BusTables.deadLetter(connection, module, deadLetterId))
                .orElseThrow(() -> new NoSuchElementException("no dead letter " + deadLetterId + " for " + module));
        Envelope envelope = letter.envelope();
        if (envelope == null) {
            throw new IllegalStateException("dead letter " + deadLetterId + " is an unreadable message: there is nothing to replay");
        }
        Class<?> type = host.consumedTopics().get(envelope.topic());
        if (type == null) {
            throw new IllegalStateException(module + " no longer observes " + envelope.topic());
        }
        Object event = EventTypes.fromJson(envelope.payload(), type);
        InboundDelivery.Outcome outcome = new InboundDelivery(host, type, transport, settings).applyOnce(envelope, event);
        host.inTransaction((connection, dispatcher) -> {
            BusTables.markReplayed(connection, deadLetterId, Instant.now());
            return null;
        });
        return outcome == InboundDelivery.Outcome.APPLIED;
    }

    @Override
    public void close() {
        members.keySet().forEach(this::leave);
        transport.close();
    }

    private Member member(String module) {
        Member member = members.get(module);
        if (member == null) {
            throw new IllegalStateException(module + " has not joined the bus");
        }
        return member;
    }

    private record Member(ModuleHost host, OutboxRelay relay, List<Subscription> subscriptions) {
        void stop() {
            subscriptions.forEach(subscription -> {
                try {
                    subscription.close();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "closing a subscription of " + host.module() + " failed: " + e);
                }
            });
            relay.stop();
        }
    }
}
