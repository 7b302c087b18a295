package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.StaleReplayException;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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
    /** Modules that subscribed so far (see {@link OutboxRelay}'s parking of events whose subscriber was away). */
    private final AtomicLong joins = new AtomicLong();
    /** Until then (System.nanoTime()), events nobody subscribes to wait: a module may still be deploying. */
    private final long graceEnds;

    public EventBus(BusTransport transport, BusSettings settings) {
        this.transport = transport;
        this.settings = settings;
        this.graceEnds = System.nanoTime() + settings.startupGrace().toNanos();
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

        AtomicBoolean leaving = new AtomicBoolean();
        ParkedDeliveries parked = new ParkedDeliveries(host, transport, settings, leaving::get);
        Member member = new Member(host, new OutboxRelay(host, transport, settings, parked, graceEnds, joins::get), parked,
                new ArrayList<>(), leaving);
        Member previous = members.put(host.module(), member);
        if (previous != null) {
            previous.stop();
        }
        try {
            for (Map.Entry<String, Class<?>> consumed : host.consumedTopics().entrySet()) {
                member.subscriptions().add(transport.subscribe(host.module(), consumed.getKey(), settings.consumerThreads(),
                        new InboundDelivery(host, consumed.getValue(), transport, settings, parked)));
            }
            if (!topics.isEmpty()) {
                member.subscriptions().add(transport.subscribeBrokerDeadLetters(host.module(), new BrokerDeadLetterIntake(host)));
                joins.incrementAndGet(); // subscribed: a relay that found nobody before this must not park for long
                for (Member producer : members.values()) {
                    sendWhatWaited(producer, topics);
                }
            }
            // its own events held for subscribers that were away (they stopped first at the last undeploy, say): those
            // that joined before it are here now, so those events go at once rather than at the end of their park time
            Set<String> served = new java.util.HashSet<>();
            members.values().forEach(present -> served.addAll(present.host().consumedTopics().keySet()));
            if (!served.isEmpty()) {
                sendWhatWaited(member, served);
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

    /** The modules that have joined, by name. */
    public java.util.SortedSet<String> modules() {
        return new java.util.TreeSet<>(members.keySet());
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

    /** @throws io.tradecoord.coordination.bus.spi.BusTransportException if the broker does not answer now */
    public void probe() {
        transport.probe();
    }

    /** What waits in the module's outbox and its dead letters, read in one transaction of the module. */
    public BusTables.OutboxState outboxState(String module) throws Exception {
        return member(module).host().inTransaction((connection, dispatcher) -> BusTables.outboxState(connection, module));
    }

    /** Writes an event to the outbox of the module whose transaction {@code connection} belongs to. */
    public static void append(java.sql.Connection connection, Envelope envelope) throws java.sql.SQLException {
        BusTables.appendToOutbox(connection, envelope);
    }

    public List<DeadLetter> deadLetters(String module, int limit, boolean pendingOnly) throws Exception {
        return deadLetters(module, 0, limit, pendingOnly);
    }

    /** The module's dead letters, newest first, {@code limit} from {@code offset} on. */
    public List<DeadLetter> deadLetters(String module, int offset, int limit, boolean pendingOnly) throws Exception {
        ModuleHost host = member(module).host();
        return host.inTransaction((connection, dispatcher) -> BusTables.deadLetters(connection, module, offset, limit, pendingOnly));
    }

    public long deadLetterCount(String module, boolean pendingOnly) throws Exception {
        ModuleHost host = member(module).host();
        return host.inTransaction((connection, dispatcher) -> BusTables.deadLetterCount(connection, module, pendingOnly));
    }

    public Optional<DeadLetter> deadLetter(String module, long deadLetterId) throws Exception {
        ModuleHost host = member(module).host();
        return host.inTransaction((connection, dispatcher) -> BusTables.deadLetter(connection, module, deadLetterId));
    }

    /** Deletes one of the module's dead letters; false if it had none of that id. */
    public boolean discard(String module, long deadLetterId) throws Exception {
        ModuleHost host = member(module).host();
        return host.inTransaction((connection, dispatcher) -> BusTables.deleteDeadLetter(connection, module, deadLetterId));
    }

    /**
     * Replays a dead letter of {@code module}: one that died at delivery is delivered to the module's observers again
     * (true if applied now, false if it had been applied already); one the broker refused goes back into the outbox
     * (true).
     */
    public boolean replay(String module, long deadLetterId) throws Exception {
        return replay(module, deadLetterId, false);
    }

    /** {@link #replay(String, long)}; {@code evenIfStale} applies a DELIVERY letter older than what was applied. */
    public boolean replay(String module, long deadLetterId, boolean evenIfStale) throws Exception {
        ModuleHost host = member(module).host();
        DeadLetter letter = host.inTransaction((connection, dispatcher) -> BusTables.deadLetter(connection, module, deadLetterId))
                .orElseThrow(() -> new NoSuchElementException("no dead letter " + deadLetterId + " for " + module));
        Envelope envelope = letter.envelope();
        if (envelope == null) {
            throw new IllegalStateException("dead letter " + deadLetterId + " is an unreadable message: there is nothing to replay");
        }
        if (letter.stage() == DeadLetter.Stage.PUBLISH) {
            if (letter.replayedAt() != null) {
                return false; // already back in the outbox once (and published, or waiting there)
            }
            // the broker refused it: back into the outbox, as the last event fired
            host.inTransaction((connection, dispatcher) -> {
                BusTables.appendToOutbox(connection, envelope);
                BusTables.markReplayed(connection, deadLetterId, Instant.now());
                return null;
            });
            member(module).relay().nudge();
            return true;
        }
        Class<?> type = host.consumedTopics().get(envelope.topic());
        if (type == null) {
            throw new IllegalStateException(module + " no longer observes " + envelope.topic());
        }
        if (!evenIfStale && host.inTransaction((connection, dispatcher) -> BusTables.laterEventApplied(connection, module, envelope))) {
            throw new StaleReplayException("dead letter " + deadLetterId + " (" + envelope.topic() + ", key " + envelope.key()
                    + ") is older than an event of the same key that " + module + " already applied: replaying it would roll"
                    + " that back. Discard it, or replay it even if stale");
        }
        Object event = EventTypes.readStrictly(envelope.payload(), type);
        InboundDelivery.Outcome outcome = new InboundDelivery(host, type, transport, settings, member(module).parked())
                .applyOnce(envelope, event, false);
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

    /** {@code leaving}: set when the module starts to stop; failures from then on are its own, not its events'. */
    private record Member(ModuleHost host, OutboxRelay relay, ParkedDeliveries parked, List<Subscription> subscriptions,
            AtomicBoolean leaving) {
        void stop() {
            leaving.set(true);
            subscriptions.forEach(Subscription::beginClose); // all at once: undeploying took 8 s of serial Kafka group leaves
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
