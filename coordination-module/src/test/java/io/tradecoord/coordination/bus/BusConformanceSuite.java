package io.tradecoord.coordination.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.core.BusSettings;
import io.tradecoord.coordination.bus.core.Correlation;
import io.tradecoord.coordination.bus.core.Envelopes;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.bus.spi.BusTransport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ONE suite for every bus backend, on the real broker and the real PostgreSQL: a producer module writes events
 * to its outbox in its own transactions, the relay publishes them, a consumer module applies them through its
 * inbox. Each backend is a small subclass: how to make its transport, and how to take its broker away and back.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
public abstract class BusConformanceSuite {

    protected static final BusSettings SETTINGS = BusSettings.defaults().withMaxAttempts(3).withRetryBackoff(Duration.ofMillis(20))
            .withConsumerThreads(4).withSweepInterval(Duration.ofMillis(500)).withBatchSize(200).withParkTime(Duration.ofSeconds(1))
            .withRelayLease(Duration.ofSeconds(3)).withMaxPublishAttempts(3)
            .withStartupGrace(Duration.ZERO); // events nobody subscribes to go to nobody at once (one test sets a grace)

    protected EventBus bus;
    protected BusTransport transport;
    private RefusingTransport refusing;
    protected JdbcModuleHost producer;
    protected JdbcModuleHost consumer;
    protected String topic;

    /** A new transport connected to the real broker. */
    protected abstract BusTransport newTransport();

    /** Makes the broker unavailable to {@link #bus} (stop it, pause it, or take the consumer away). */
    protected abstract void breakBroker() throws Exception;

    /** Undoes {@link #breakBroker()} and waits until the broker is usable again. */
    protected abstract void repairBroker() throws Exception;

    @BeforeAll
    static void tables() throws Exception {
        JdbcModuleHost.createReceivedTable();
    }

    @BeforeEach
    void startModules() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        topic = "conformance." + run;
        refusing = new RefusingTransport(newTransport());
        transport = refusing;
        bus = new EventBus(transport, SETTINGS);
        producer = new JdbcModuleHost("producer-" + run, Map.of());
        consumer = new JdbcModuleHost("consumer-" + run, Map.of(topic, ConformanceEvent.class));
        bus.join(consumer);
        bus.join(producer);
    }

    /** Removes what the backend keeps per module and topic after a test (queues on a shared broker); default none. */
    protected void removeTopology(String module, String topic) throws Exception {
    }

    @AfterEach
    void stopModules() throws Exception {
        bus.close();
        removeTopology(consumer.module(), topic);
        producer.forgetRows();
        consumer.forgetRows();
    }

    @Test
    void aCommittedEventIsDeliveredARolledBackOneNever() throws Exception {
        publish(true, new ConformanceEvent("k", 1, "committed", false));
        publish(false, new ConformanceEvent("k", 2, "rolled back", false));
        publish(true, new ConformanceEvent("k", 3, "committed too", false));

        awaitReceived(2);
        Thread.sleep(500);
        assertEquals(List.of("committed", "committed too"), received().stream().map(Received::note).toList());
        assertEquals(0, unsent(producer));
    }

    @Test
    void eventsPublishedWhileTheBrokerIsAwayAreAllDeliveredOnceAndInOrderWhenItIsBack() throws Exception {
        publish(true, events("before", 0, 5));
        awaitReceived(5);
        breakBroker();
        try {
            publish(true, events("during", 5, 20));
            Thread.sleep(1_500);
            assertTrue(unsent(producer) > 0, "while the broker is away the events wait in the outbox");
        } finally {
            repairBroker();
        }
        publish(true, events("after", 20, 30)); // published as soon as the broker is back: must not overtake
        awaitReceived(30);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained once the broker confirmed");
        Thread.sleep(300);
        assertExactlyInOrder(30, received());
    }

    @Test
    void eventsArriveOnceAndInOrderAcrossAnOutageOfTheConsumersDatabase() throws Exception {
        publish(true, events("before", 0, 5));
        awaitReceived(5);
        consumer.databaseDown.set(true);
        try {
            publish(true, events("during", 5, 20));
            Thread.sleep(2_000);
            assertEquals(5, received().size(), "nothing is applied while the consumer's database is away");
        } finally {
            consumer.databaseDown.set(false);
        }
        awaitReceived(20);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        Thread.sleep(300);
        assertExactlyInOrder(20, received());
        assertTrue(bus.deadLetters(consumer.module(), 10, false).isEmpty(), "an outage dead-letters nothing");
    }

    @Test
    void anEventNobodySubscribesToCostsNothing() throws Exception {
        String unconsumed = topic + ".nobody";
        try (Connection connection = producer.connection()) {
            connection.setAutoCommit(false);
            for (int i = 0; i < 50; i++) {
                Envelope e = withTopic(Envelopes.of(new ConformanceEvent("n", i, "nobody", false), producer.module()));
                EventBus.append(connection, new Envelope(e.messageId(), unconsumed, e.key(), e.eventType(), e.occurredAt(),
                        e.sourceModule(), e.correlationId(), e.payload()));
            }
            connection.commit();
        }
        bus.committed(producer.module());
        publish(true, events("consumed", 0, 3));
        awaitReceived(3);
        // not parked and retried: delivered to nobody, gone from the outbox
        awaitTrue(() -> unsent(producer) == 0, "the unconsumed events leave the outbox at once, within "
                + SETTINGS.parkTime().toMillis() + " ms");
    }

    @Test
    void aModuleDeployedShortlyAfterTheProducerGetsWhatWasFiredBeforeItOnItsFirstDeployment() throws Exception {
        bus.close();
        transport = refusing = new RefusingTransport(newTransport());
        bus = new EventBus(transport, SETTINGS.withStartupGrace(Duration.ofSeconds(60)));
        String lateTopic = topic + ".late";
        JdbcModuleHost late = new JdbcModuleHost(consumer.module() + "-late", Map.of(lateTopic, ConformanceEvent.class));
        try {
            bus.join(producer); // the producer module starts first; the consuming module was never deployed
            try (Connection connection = producer.connection()) {
                connection.setAutoCommit(false);
                for (ConformanceEvent event : events("before the consumer", 0, 10)) {
                    Envelope e = withTopic(Envelopes.of(event, producer.module()));
                    EventBus.append(connection, new Envelope(e.messageId(), lateTopic, e.key(), e.eventType(), e.occurredAt(),
                            e.sourceModule(), e.correlationId(), e.payload()));
                }
                connection.commit();
            }
            bus.committed(producer.module());
            Thread.sleep(1_000); // the relay tried them: no queue, no subscriber on record (Kafka's topic keeps them anyway)
            bus.join(late); // deployed a moment later
            awaitTrue(() -> count("SELECT COUNT(*) FROM bus_test_received WHERE module = ?", late.module()) == 10,
                    "the late module gets every event fired before it joined");
            awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        } finally {
            bus.leave(late.module());
            removeTopology(late.module(), lateTopic);
            late.forgetRows();
        }
    }

    @Test
    void aModuleJoiningWhileItsEventsAreBeingPublishedGetsThemWithoutWaitingTheParkTime() throws Exception {
        Duration parkTime = Duration.ofSeconds(60);
        restartBus(SETTINGS.withParkTime(parkTime));
        bus.join(consumer); // on record as the topic's subscriber
        bus.join(producer);
        bus.leave(consumer.module()); // undeployed
        refusing.holdConfirms();
        publish(true, events("while it joins", 0, 3));
        awaitTrue(() -> refusing.published().size() >= 3, "the relay published the events");
        long joined = System.nanoTime();
        bus.join(consumer); // wakes what waited for it: the relay has not settled those three yet
        refusing.releaseConfirms(); // the relay learns now that (on the in-JVM bus) they found nobody
        awaitThreeInOrderWellBeforeTheParkTime(joined, "the subscriber joined", parkTime);
    }

    @Test
    void aProducerJoiningAfterItsSubscribersSendsWhatItHeldForThemAtOnce() throws Exception {
        Duration parkTime = Duration.ofSeconds(60);
        restartBus(SETTINGS.withParkTime(parkTime));
        bus.join(consumer);
        bus.join(producer);
        bus.leave(consumer.module()); // the subscriber stops first (an undeploy)
        publish(true, events("while it is away", 0, 3));
        awaitTrue(() -> refusing.published().size() >= 3, "the relay tried them");
        Thread.sleep(500); // on the in-JVM bus: parked for the park time, nobody takes them
        bus.leave(producer.module()); // then the producer stops too
        bus.join(consumer); // the redeploy starts the subscriber first
        long joined = System.nanoTime();
        bus.join(producer);
        awaitThreeInOrderWellBeforeTheParkTime(joined, "the producer joined", parkTime);
    }

    @Test
    void aModuleLeavingWaitsForTheHandlerInFlightWhichIsAppliedOnce() throws Exception {
        publish(true, new ConformanceEvent("s", 1, "stall", false));
        assertTrue(consumer.stallEntered.await(30, TimeUnit.SECONDS), "the observer took the event");
        Thread leaving = leaveInBackground(consumer);
        Thread.sleep(500);
        assertTrue(leaving.isAlive(), "leave() waits while a handler of the module is running");
        consumer.stallRelease.countDown();
        leaving.join(30_000);
        assertFalse(leaving.isAlive(), "leave() returns once the handler finished");
        assertEquals(1, received().size(), "the handler in flight committed");

        bus.join(consumer);
        publish(true, new ConformanceEvent("s", 2, "after rejoining", false));
        awaitReceived(2);
        Thread.sleep(500);
        assertEquals(List.of("stall", "after rejoining"), received().stream().map(Received::note).toList(), "applied once each");
        assertEquals(0, count("SELECT COUNT(*) FROM coordination_dead_letter WHERE module = ?", consumer.module()));
    }

    @Test
    void aDeliveryFailingBecauseItsModuleIsLeavingIsNotDeadLetteredAndComesAgainAfterItRejoins() throws Exception {
        publish(true, new ConformanceEvent("s", 1, "stall", false));
        assertTrue(consumer.stallEntered.await(30, TimeUnit.SECONDS), "the observer took the event");
        consumer.stopping.set(true); // the container tears the module down: whatever it runs now fails
        Thread leaving = leaveInBackground(consumer);
        Thread.sleep(300);
        consumer.stallRelease.countDown();
        leaving.join(30_000);
        assertFalse(leaving.isAlive(), "leave() returns once the handler gave up");
        assertEquals(0, received().size());
        assertEquals(0, count("SELECT COUNT(*) FROM coordination_dead_letter WHERE module = ?", consumer.module()),
                "a failure caused by the module's own undeployment is not the event's fault: nothing dead-lettered");

        consumer.stopping.set(false); // deployed again
        bus.join(consumer);
        awaitReceived(1);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        Thread.sleep(500);
        assertEquals(List.of("stall"), received().stream().map(Received::note).toList(), "applied once, after rejoining");
        assertEquals(0, count("SELECT COUNT(*) FROM coordination_dead_letter WHERE module = ?", consumer.module()));
    }

    /** The three events of the park-time tests arrive, in order, within 15 s of {@code sinceNanos}, not after the park time. */
    private void awaitThreeInOrderWellBeforeTheParkTime(long sinceNanos, String since, Duration parkTime) throws Exception {
        awaitReceived(3);
        Duration took = Duration.ofNanos(System.nanoTime() - sinceNanos);
        assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "delivered " + took.toMillis() + " ms after " + since
                + ", not after the park time of " + parkTime.toSeconds() + " s");
        assertExactlyInOrder(3, received());
    }

    /** A new bus with {@code settings} on a new transport, in place of the one the test started with; nobody joined. */
    private void restartBus(BusSettings settings) {
        bus.close();
        transport = refusing = new RefusingTransport(newTransport());
        bus = new EventBus(transport, settings);
    }

    private Thread leaveInBackground(JdbcModuleHost module) {
        Thread leaving = new Thread(() -> bus.leave(module.module()), "test-leave-" + module.module());
        leaving.start();
        return leaving;
    }

    @Test
    void aSubscriberThatIsNotRunningGetsItsEventsInOrderWhenItComesBack() throws Exception {
        publish(true, events("before", 0, 3));
        awaitReceived(3);
        bus.leave(consumer.module()); // undeployed: its subscription is durable, its events wait for it
        publish(true, events("while away", 3, 30));
        Thread.sleep(SETTINGS.parkTime().toMillis() + 700);
        bus.join(consumer);
        publish(true, events("once back", 30, 60)); // must not overtake the events that waited
        awaitReceived(60);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        Thread.sleep(300);
        assertExactlyInOrder(60, received());
    }

    @Test
    void aSubscriberKnownFromAnEarlierRunGetsWhatWasFiredBeforeItJoined() throws Exception {
        publish(true, events("first run", 0, 3));
        awaitReceived(3);
        bus.close(); // the whole runtime stops (a restart of the server)
        transport = refusing = new RefusingTransport(newTransport());
        bus = new EventBus(transport, SETTINGS);
        bus.join(producer); // the producer starts first and relays at once
        publish(true, events("second run", 3, 20));
        Thread.sleep(SETTINGS.sweepInterval().toMillis() * 2);
        bus.join(consumer);
        awaitReceived(20);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        Thread.sleep(300);
        assertExactlyInOrder(20, received());
    }

    @Test
    void twoNodesRunningOneModulePublishEachEventOnceAndOneTakesOverWhenTheOtherDies() throws Exception {
        // node 2: a second runtime (another server) running the same two modules on the same database
        RefusingTransport secondTransport = new RefusingTransport(newTransport());
        EventBus second = new EventBus(secondTransport, SETTINGS);
        JdbcModuleHost secondProducer = new JdbcModuleHost(producer.module(), Map.of());
        JdbcModuleHost secondConsumer = new JdbcModuleHost(consumer.module(), Map.of(topic, ConformanceEvent.class));
        try {
            second.join(secondConsumer);
            second.join(secondProducer);
            for (int i = 0; i < 20; i++) { // business transactions on both nodes, each waking its own node's relay
                publishOn(i % 2 == 0 ? bus : second, events("both nodes", i * 10, i * 10 + 10));
                Thread.sleep(20);
            }
            awaitReceived(200);
            awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
            Thread.sleep(SETTINGS.sweepInterval().toMillis() * 2);
            assertExactlyInOrder(200, received());
            int firstNode = refusing.published().size();
            int secondNode = secondTransport.published().size();
            assertEquals(200, firstNode + secondNode, "one relay published, each event once (node 1: " + firstNode
                    + ", node 2: " + secondNode + ")");

            // the node that relays dies without a word: its database connection is gone, it cannot renew its lease
            boolean firstRelays = firstNode > 0;
            JdbcModuleHost dying = firstRelays ? producer : secondProducer;
            EventBus survivor = firstRelays ? second : bus;
            dying.databaseDown.set(true);
            long start = System.nanoTime();
            publishOn(survivor, events("after the death", 200, 230));
            awaitReceived(230);
            long takeoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            long bound = SETTINGS.relayLease().toMillis() + 2 * SETTINGS.sweepInterval().toMillis() + 1_000;
            assertTrue(takeoverMillis <= bound, "taken over in " + takeoverMillis + " ms, bound " + bound + " ms");
            awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
            Thread.sleep(300);
            assertExactlyInOrder(230, received());
            dying.databaseDown.set(false);
        } finally {
            producer.databaseDown.set(false);
            secondProducer.databaseDown.set(false);
            second.leave(secondProducer.module());
            second.leave(secondConsumer.module());
            second.close();
        }
    }

    @Test
    void aDuplicateDeliveryIsAppliedOnce() throws Exception {
        var envelope = withTopic(Envelopes.of(new ConformanceEvent("dup", 1, "once", false), producer.module()));
        transport.publish(envelope).get(30, TimeUnit.SECONDS);
        transport.publish(envelope).get(30, TimeUnit.SECONDS);
        publish(true, new ConformanceEvent("dup", 2, "marker", false));

        awaitReceived(2);
        Thread.sleep(500);
        assertEquals(List.of("once", "marker"), received().stream().map(Received::note).toList());
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterTheAttemptsWhileLaterOnesFlowAndCanBeReplayed() throws Exception {
        publish(true, new ConformanceEvent("p", 1, "poison", true));
        publish(true, events("after", 2, 12));

        awaitReceived(10);
        awaitTrue(() -> !bus.deadLetters(consumer.module(), 10, true).isEmpty(), "the poison message is dead-lettered");
        DeadLetter letter = bus.deadLetters(consumer.module(), 10, true).get(0);
        assertEquals(SETTINGS.maxAttempts(), letter.attempts());
        assertTrue(letter.error().contains("refused by the observer"), letter.error());
        assertEquals(topic, letter.envelope().topic());
        assertEquals(SETTINGS.maxAttempts() + 10, consumer.observerCalls.get());

        consumer.poisonFails.set(false); // the cause is fixed
        assertTrue(bus.replay(consumer.module(), letter.id()), "the replay applies it");
        assertFalse(bus.replay(consumer.module(), letter.id()), "a second replay finds it applied");
        assertEquals(11, received().size());
        assertTrue(bus.deadLetters(consumer.module(), 10, true).isEmpty(), "replayed letters are no longer pending");
        assertEquals(1, bus.deadLetters(consumer.module(), 10, false).size());
    }

    @Test
    void anEventTheBrokerKeepsRefusingIsDeadLetteredWhileTheRestFlowsAndCanBeReplayed() throws Exception {
        // a key of its own: a replay of an event older than one applied for its key is refused (next test)
        Envelope poison = withTopic(Envelopes.of(new ConformanceEvent("solo", 0, "refused", false), producer.module()));
        refusing.refuseAlways(poison.messageId());
        try (Connection connection = producer.connection()) {
            connection.setAutoCommit(false);
            EventBus.append(connection, poison);
            connection.commit();
        }
        publish(true, events("after", 1, 11));

        awaitReceived(10);
        awaitTrue(() -> unsent(producer) == 0, "the refused event leaves the outbox after its attempts");
        List<DeadLetter> letters = bus.deadLetters(producer.module(), 10, true);
        assertEquals(1, letters.size());
        DeadLetter letter = letters.get(0);
        assertEquals(DeadLetter.Stage.PUBLISH, letter.stage());
        assertEquals(poison.messageId(), letter.envelope().messageId());
        assertEquals(SETTINGS.maxPublishAttempts(), letter.attempts());
        assertTrue(letter.error().contains("record too large"), letter.error());
        assertEquals(SETTINGS.maxPublishAttempts(), refusing.published().stream().filter(poison.messageId()::equals).count());

        refusing.allow(poison.messageId()); // the cause is fixed
        assertTrue(bus.replay(producer.module(), letter.id()), "the replay puts it back into the outbox");
        assertFalse(bus.replay(producer.module(), letter.id()), "a second replay does nothing");
        awaitReceived(11);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        Thread.sleep(300);
        List<Received> received = received();
        assertEquals(11, received.size());
        assertEquals("refused", received.get(10).note(), "the replayed event arrives last");
        assertTrue(bus.deadLetters(producer.module(), 10, true).isEmpty());
    }

    @Test
    void inboxRecordsAndDeadLettersPastTheirRetentionAreForgotten() throws Exception {
        bus.close();
        transport = refusing = new RefusingTransport(newTransport());
        bus = new EventBus(transport, SETTINGS.withInboxRetention(Duration.ofSeconds(1)).withDeadLetterRetention(Duration.ofSeconds(2)));
        bus.join(consumer);
        bus.join(producer);
        publish(true, new ConformanceEvent("r", 1, "poison", true));
        publish(true, events("kept", 2, 7));
        awaitReceived(5);
        awaitTrue(() -> !bus.deadLetters(consumer.module(), 10, false).isEmpty(), "the poison message is dead-lettered");
        assertTrue(count("SELECT COUNT(*) FROM coordination_inbox WHERE module = ?", consumer.module()) > 0);

        awaitTrue(() -> count("SELECT COUNT(*) FROM coordination_inbox WHERE module = ?", consumer.module()) == 0,
                "inbox records older than 1 s are deleted");
        awaitTrue(() -> bus.deadLetters(consumer.module(), 10, false).isEmpty(), "dead letters older than 2 s are deleted");
        assertEquals(5, received().size(), "what was applied stays applied");
    }

    @Test
    void anUnreadablePayloadGoesStraightToTheDeadLetters() throws Exception {
        var good = withTopic(Envelopes.of(new ConformanceEvent("u", 1, "x", false), producer.module()));
        var broken = new Envelope(UUID.randomUUID().toString(), topic, "u", "ConformanceEvent", good.occurredAt(),
                producer.module(), good.correlationId(), "{this is not json");
        transport.publish(broken).get(30, TimeUnit.SECONDS);
        publish(true, new ConformanceEvent("u", 2, "after", false));

        awaitReceived(1);
        awaitTrue(() -> !bus.deadLetters(consumer.module(), 10, true).isEmpty(), "dead-lettered");
        DeadLetter letter = bus.deadLetters(consumer.module(), 10, true).get(0);
        assertEquals(0, letter.attempts(), "no retries for a payload that cannot be read");
        assertTrue(letter.error().contains("payload does not fit ConformanceEvent"), letter.error());
        assertEquals(0, consumer.observerCalls.get() - 1, "the observer saw only the good event");
    }

    @Test
    void replayingAnEventOlderThanOneAppliedForItsKeyIsRefusedUnlessForced() throws Exception {
        // died at delivery, then a later event of its key was applied
        publish(true, new ConformanceEvent("p", 1, "poison", true));
        awaitTrue(() -> !bus.deadLetters(consumer.module(), 10, true).isEmpty(), "dead-lettered");
        publish(true, new ConformanceEvent("p", 2, "newer", false));
        awaitReceived(1);
        consumer.poisonFails.set(false);
        DeadLetter delivery = bus.deadLetters(consumer.module(), 10, true).get(0);
        var stale = assertThrows(StaleReplayException.class, () -> bus.replay(consumer.module(), delivery.id()));
        assertTrue(stale.getMessage().contains("older than an event of the same key"), stale.getMessage());
        assertEquals(1, received().size(), "nothing rolled back");
        assertTrue(bus.replay(consumer.module(), delivery.id(), true), "forced, it is applied");
        assertEquals(List.of("newer", "poison"), received().stream().map(Received::note).toList());

        // refused by the broker, then a later event of its key was published and applied: the consumer refuses the replay
        Envelope refused = withTopic(Envelopes.of(new ConformanceEvent("q", 1, "refused", false), producer.module()));
        refusing.refuseAlways(refused.messageId());
        try (Connection connection = producer.connection()) {
            connection.setAutoCommit(false);
            EventBus.append(connection, refused);
            connection.commit();
        }
        bus.committed(producer.module());
        awaitTrue(() -> !bus.deadLetters(producer.module(), 10, true).isEmpty(), "dead-lettered at publish");
        publish(true, new ConformanceEvent("q", 2, "newer q", false));
        awaitReceived(3);
        refusing.allow(refused.messageId());
        assertTrue(bus.replay(producer.module(), bus.deadLetters(producer.module(), 10, true).get(0).id()));
        awaitTrue(() -> bus.deadLetters(consumer.module(), 10, true).stream().anyMatch(l -> l.error().contains("stale replay")),
                "the consumer dead-letters the stale replay instead of applying it");
        assertEquals(3, received().size(), "nothing rolled back");
    }

    @Test
    void aDeliveryThatFailsForAPassingReasonWaitsWithItsKeyWhileOtherKeysFlow() throws Exception {
        publish(true, new ConformanceEvent("t", 1, "transient", false), new ConformanceEvent("t", 2, "behind", false));
        publish(true, events("other", 0, 6)); // keys key-0..2
        awaitReceived(6);
        awaitTrue(() -> count("SELECT COUNT(*) FROM coordination_retry WHERE module = ?", consumer.module()) == 2,
                "the failing event and the one behind it wait in the module's table");
        Thread.sleep(SETTINGS.sweepInterval().toMillis() * 2);
        assertEquals(6, received().size(), "nothing of key t was applied, the other keys flowed");
        assertTrue(bus.deadLetters(consumer.module(), 10, false).isEmpty(), "a passing failure is not dead-lettered");

        consumer.transientFails.set(false); // the database is fine again
        awaitReceived(8);
        awaitTrue(() -> count("SELECT COUNT(*) FROM coordination_retry WHERE module = ?", consumer.module()) == 0, "retried");
        List<String> keyT = received().stream().filter(r -> r.key().equals("t")).map(Received::note).toList();
        assertEquals(List.of("transient", "behind"), keyT, "in order");
        assertTrue(bus.deadLetters(consumer.module(), 10, false).isEmpty());
    }

    @Test
    void aPermanentFailureIsDeadLetteredWithoutRetries() throws Exception {
        publish(true, new ConformanceEvent("d", 1, "duplicate", false), new ConformanceEvent("d", 2, "after", false));
        awaitReceived(1);
        awaitTrue(() -> !bus.deadLetters(consumer.module(), 10, true).isEmpty(), "dead-lettered");
        DeadLetter letter = bus.deadLetters(consumer.module(), 10, true).get(0);
        assertEquals(1, letter.attempts(), "a constraint violation is not retried");
        assertTrue(letter.error().contains("permanent failure"), letter.error());
        assertEquals(2, consumer.observerCalls.get());
    }

    @Test
    void aPayloadOfAnotherContractOrANewerSchemaVersionIsDeadLetteredAtOnce() throws Exception {
        var good = withTopic(Envelopes.of(new ConformanceEvent("c", 1, "x", false), producer.module()));
        var unknownField = new Envelope(UUID.randomUUID().toString(), topic, "c", "ConformanceEvent", good.occurredAt(),
                producer.module(), good.correlationId(), good.payload().replace("{", "{\"discount\":5,"));
        var missingField = new Envelope(UUID.randomUUID().toString(), topic, "c", "ConformanceEvent", good.occurredAt(),
                producer.module(), good.correlationId(), "{\"key\":\"c\",\"sequence\":2,\"poison\":false}");
        var newer = new Envelope(UUID.randomUUID().toString(), topic, "c", "ConformanceEvent", good.occurredAt(),
                producer.module(), good.correlationId(), good.payload(), 2, 0, false);
        for (Envelope envelope : List.of(unknownField, missingField, newer)) {
            transport.publish(envelope).get(30, TimeUnit.SECONDS);
        }
        publish(true, new ConformanceEvent("c", 3, "after", false));

        awaitReceived(1);
        awaitTrue(() -> bus.deadLetters(consumer.module(), 10, true).size() == 3, "three dead letters");
        List<String> errors = bus.deadLetters(consumer.module(), 10, true).stream().map(DeadLetter::error).toList();
        assertTrue(errors.stream().anyMatch(e -> e.contains("unknown field discount")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("missing field note")), errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("schema version 2") && e.contains("newer than version 1")), errors.toString());
        bus.deadLetters(consumer.module(), 10, true).forEach(letter -> assertEquals(0, letter.attempts()));
        assertEquals(List.of("after"), received().stream().map(Received::note).toList(), "the observer saw only the good event");
        assertEquals(1, consumer.observerCalls.get());
    }

    @Test
    void aRefusedEventStopsTheRelayThereAndNoEventAfterItIsTakenAsSent() throws Exception {
        int events = 3 * SETTINGS.batchSize(); // one backlog of several pipelined batches
        int refusedAt = SETTINGS.batchSize() + SETTINGS.batchSize() / 4; // in the second batch
        refusing.refuse(refusedAt);
        publish(true, events("backlog", 0, events));

        awaitReceived(events);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        Thread.sleep(300);
        List<Received> received = received();
        assertEquals(events, received.size(), "every event applied once");
        assertEquals(events, received.stream().map(r -> r.key() + "#" + r.sequence()).distinct().count());

        // the relay must not have deleted any row published after the refused one in that round: each goes again
        List<String> published = refusing.published();
        String refused = refusing.refused();
        int refusal = published.indexOf(refused);
        assertTrue(refusal >= 0, "the transport refused an event");
        Map<String, Integer> times = new HashMap<>();
        published.forEach(id -> times.merge(id, 1, Integer::sum));
        assertTrue(times.get(refused) >= 2, "the refused event was published again");
        Set<String> firstRound = new HashSet<>();
        for (int i = 0; i < published.size() && firstRound.add(published.get(i)); i++) {
            if (i > refusal) {
                assertTrue(times.get(published.get(i)) >= 2,
                        "published after the refused event, taken as sent before it went: " + published.get(i));
            }
        }
        assertTrue(firstRound.size() > refusal + 1, "the relay had published past the refused event (pipelined)");
        assertEquals(events, firstRound.size(), "the nack came late: the round had published the whole backlog");
    }

    /**
     * 2,000 events in the build (20 per key); {@code scripts/fault-matrix.sh} runs 10,000
     * ({@code -Dconformance.events-per-key=100}), which took 25-40 s per backend of the build's 30 minutes.
     */
    @Test
    void thousandsOfEventsOverAHundredKeysArriveExactlyOnceAndInOrderPerKey() throws Exception {
        int keys = 100;
        int perKey = Integer.getInteger("conformance.events-per-key", 20);
        Map<String, Long> next = new HashMap<>();
        List<ConformanceEvent> all = new ArrayList<>();
        for (int i = 0; i < keys * perKey; i++) {
            String key = "key-" + (i * 7 % keys);
            long sequence = next.merge(key, 1L, Long::sum);
            all.add(new ConformanceEvent(key, sequence, null, false));
        }
        for (int from = 0; from < all.size(); from += 250) {
            publish(true, all.subList(from, from + 250).toArray(ConformanceEvent[]::new));
        }

        awaitReceived(keys * perKey);
        List<Received> received = received();
        assertEquals(keys * perKey, received.size(), "count");
        Set<String> distinct = new HashSet<>();
        Map<String, Long> last = new HashMap<>();
        for (Received r : received) {
            assertTrue(distinct.add(r.key() + "#" + r.sequence()), "delivered twice: " + r);
            long previous = last.getOrDefault(r.key(), 0L);
            assertEquals(previous + 1, r.sequence(), "order of key " + r.key());
            last.put(r.key(), r.sequence());
        }
        assertEquals(keys, last.size());
        last.values().forEach(v -> assertEquals(perKey, v));
    }

    // --- helpers

    protected static ConformanceEvent[] events(String note, int fromSequence, int toSequence) {
        List<ConformanceEvent> events = new ArrayList<>();
        for (int i = fromSequence; i < toSequence; i++) {
            events.add(new ConformanceEvent("key-" + (i % 3), i, note, false));
        }
        return events.toArray(ConformanceEvent[]::new);
    }

    /** The producer's business transaction: the events go to its outbox, then commit or roll back. */
    protected void publish(boolean commit, ConformanceEvent... events) throws Exception {
        publishOn(bus, commit, events);
    }

    /** A committed business transaction of the producer on the node of {@code node}, which it wakes. */
    protected void publishOn(EventBus node, ConformanceEvent... events) throws Exception {
        publishOn(node, true, events);
    }

    private void publishOn(EventBus node, boolean commit, ConformanceEvent... events) throws Exception {
        try (Connection connection = producer.connection()) {
            connection.setAutoCommit(false);
            for (ConformanceEvent event : events) {
                EventBus.append(connection, withTopic(Envelopes.of(event, producer.module())));
            }
            if (commit) {
                connection.commit();
                node.committed(producer.module());
            } else {
                connection.rollback();
            }
        }
    }

    /** Each test run uses a topic of its own, so old runs' messages never mix in. */
    protected Envelope withTopic(Envelope e) {
        return new Envelope(e.messageId(), topic, e.key(), e.eventType(), e.occurredAt(), e.sourceModule(),
                e.correlationId() == null ? Correlation.currentOrNew() : e.correlationId(), e.payload());
    }

    protected record Received(String key, long sequence, String note) {
    }

    protected List<Received> received() throws Exception {
        try (Connection connection = consumer.connection(); PreparedStatement select = connection.prepareStatement(
                "SELECT event_key, sequence, note FROM bus_test_received WHERE module = ? ORDER BY id")) {
            select.setString(1, consumer.module());
            List<Received> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Received(rs.getString(1), rs.getLong(2), rs.getString(3)));
                }
            }
            return rows;
        }
    }

    /**
     * What {@link #events} made for sequences 0 until {@code count}: each applied exactly once, and per key in the
     * order fired.
     */
    protected static void assertExactlyInOrder(int count, List<Received> received) {
        Set<String> seen = new HashSet<>();
        Map<String, Long> last = new HashMap<>();
        for (Received r : received) {
            assertTrue(seen.add(r.key() + "#" + r.sequence()), "applied twice: " + r);
            Long previous = last.put(r.key(), r.sequence());
            assertTrue(previous == null || previous < r.sequence(), "key " + r.key() + ": " + r.sequence() + " after " + previous);
        }
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < count; i++) {
            expected.add("key-" + (i % 3) + "#" + i);
        }
        assertEquals(expected, seen, "exactly the events fired");
    }

    protected long count(String sql, String module) throws Exception {
        try (Connection connection = consumer.connection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, module);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    protected long unsent(JdbcModuleHost module) throws Exception {
        try (Connection connection = module.connection()) {
            return io.tradecoord.coordination.bus.core.BusTables.unsentCount(connection, module.module());
        }
    }

    protected void awaitReceived(int count) throws Exception {
        awaitTrue(() -> received().size() >= count, count + " events received");
    }

    @FunctionalInterface
    protected interface Check {
        boolean ok() throws Exception;
    }

    protected static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (check.ok()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

}
