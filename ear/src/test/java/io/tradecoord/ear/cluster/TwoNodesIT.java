package io.tradecoord.ear.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.ear.Faults;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The EAR on two WildFly nodes at once (scripts/cluster.sh), sharing PostgreSQL and the lock and bus backends of
 * {@code -Dcluster.backends}, under load and under faults: a hot SKU sold over both nodes, adjustments racing orders, a
 * lock holder paused past its lease, the lock server and the broker taken away, a node killed. Every case checks the
 * database from outside: final states, the stock ledger, each event received once, an outbox that drains.
 * Cases tagged {@code matrix} run in the whole fault matrix only (scripts/fault-matrix.sh), the others in every build
 * too, on Redis + Kafka; the matrix runs every case on both combinations, and the cases that need only the order
 * module on node 2 with Payara Server + Payara Micro.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {

    static final Backends BACKENDS = Backends.current();
    /** wildfly: two WildFly nodes with the EAR; payara: Payara Server with the EAR + the order module on Payara Micro. */
    static final String SHAPE = System.getProperty("cluster.shape", "wildfly");
    /** For the cases that use node 2's inventory module or lock probe, which the order module on Payara Micro lacks. */
    static final String WHOLE_EAR_ON_BOTH_NODES = "whole-ear-on-both-nodes";
    /** For the cases the build runs on one backend combination only (the matrix on all). */
    static final String ONE_COMBINATION_IN_THE_BUILD = "one-combination";
    static final String RUN = "cluster-" + UUID.randomUUID().toString().substring(0, 8);
    static final String DATABASE = "tradecoord_cluster";
    static final Duration PATIENCE = Duration.ofMinutes(3);

    static Cluster cluster;
    static final ClusterDb db = new ClusterDb(DATABASE);
    static final Trading trading = new Trading();
    static List<String> members;
    private long started;
    private String caseName;
    private Load.Outcome load;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        if (BACKENDS.bus.equals("rabbitmq")) {
            Leftovers.removeModuleQueues();
        }
        List<String> settings = new ArrayList<>(Leftovers.isolating(RUN));
        // short leases, so that a paused or killed node's locks and outbox relay pass to the other node within seconds
        settings.addAll(List.of("coordination.lock.lease-ms=3000", "coordination.zookeeper.session-timeout-ms=4000",
                "coordination.outbox.relay-lease-ms=3000"));
        cluster = Cluster.start(SHAPE, BACKENDS, ClusterEar.write(), DATABASE, settings);
        members = trading.members(1, 8);
    }

    @AfterAll
    static void stopAndCleanUp() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            Leftovers.remove(BACKENDS, RUN);
            try (var connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                connection.createStatement().execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            }
        }
    }

    @BeforeEach
    void clock(TestInfo test) {
        started = System.nanoTime();
        caseName = test.getTestMethod().orElseThrow().getName();
    }

    /** 500 buyers over both nodes at once for 137 units: exactly 137 confirmed; available never below 0, sampled meanwhile. */
    @Test
    @Order(1)
    @Tag("matrix")
    void aHotSkuSoldOverBothNodesIsNeverOversold() {
        String hot = trading.createSku(1, "hot", 137);
        try (Sampler available = Sampler.of(() -> db.sku(hot).available())) {
            Load.Outcome outcome = Load.orders(trading, 500, 64, Duration.ZERO, i -> Trading.order(member(i), hot, 1), PATIENCE);
            assertAllAccepted(500, outcome, false);
            Map<String, Long> statuses = awaitFinal(outcome.accepted());
            assertEquals(Map.of("CONFIRMED", 137L, "REJECTED", 363L), statuses);
            assertTrue(available.samples() > 10, "samples of available during the run: " + available.samples());
            assertTrue(available.min() >= 0, "available sampled below 0: " + available.min());
        }
        List<ClusterDb.Movement> ledger = assertLedgerAddsUp(hot);
        assertEquals(137, ledger.stream().filter(m -> m.change().equals("RESERVED")).map(ClusterDb.Movement::orderId).distinct().count());
        assertEquals(0, db.sku(hot).available());
        assertDrained();
        report();
    }

    /** Restocks and corrections on both nodes racing orders for the same SKU: no 5xx, and the ledger adds up. */
    @Test
    @Order(2)
    @Tag("matrix")
    @Tag(WHOLE_EAR_ON_BOTH_NODES)
    void adjustmentsRacingOrdersOverBothNodesKeepTheLedgerConsistent() throws Exception {
        String sku = trading.createSku(2, "raced", 40);
        ExecutorService admins = Executors.newFixedThreadPool(4);
        Map<Integer, AtomicLong> adjustmentAnswers = new ConcurrentHashMap<>();
        try {
            List<Future<?>> adjusting = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                int n = i;
                adjusting.add(admins.submit(() -> {
                    int status = trading.adjust(1 + n % 2, sku, n % 3 == 0 ? -4 : 3).map(Http.Reply::status).orElse(-1);
                    adjustmentAnswers.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                }));
            }
            Load.Outcome outcome = Load.orders(trading, 300, 32, Duration.ZERO, i -> Trading.order(member(i), sku, 1), PATIENCE);
            for (Future<?> f : adjusting) {
                f.get();
            }
            assertAllAccepted(300, outcome, false);
            Map<Integer, Long> adjustments = adjustmentAnswers.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(), Long::sum, TreeMap::new));
            assertTrue(Set.of(200, 409).containsAll(adjustments.keySet()), "adjustments answered only 200 or 409: " + adjustments);
            Map<String, Long> statuses = awaitFinal(outcome.accepted());
            List<ClusterDb.Movement> ledger = assertLedgerAddsUp(sku);
            assertEquals(adjustments.getOrDefault(200, 0L), ledger.stream().filter(m -> m.change().equals("ADJUSTED")).count(),
                    "every accepted adjustment is in the ledger once");
            assertEquals(statuses.getOrDefault("CONFIRMED", 0L), ledger.stream().filter(m -> m.change().equals("RESERVED")).count(),
                    "one reservation per confirmed order: " + statuses);
        } finally {
            admins.shutdownNow();
        }
        assertDrained();
        report();
    }

    /**
     * Node 1 takes a lock and is frozen (SIGSTOP) past its lease; node 2 takes the lock over and writes; node 1 wakes
     * (SIGCONT) and writes with its old token: the row refuses it. Orders placed over both nodes meanwhile all settle.
     */
    @Test
    @Order(3)
    @Tag(WHOLE_EAR_ON_BOTH_NODES)
    void aLockHolderPausedPastItsLeaseIsFencedOut() throws Exception {
        String counter = "paused-" + UUID.randomUUID().toString().substring(0, 8);
        trading.http.post(Cluster.url(1) + "/lock-probe/api/counters/" + counter, null).expect(201);
        String sku = trading.createSku(1, "paused", 1000);
        CompletableFuture<Load.Outcome> load = CompletableFuture.supplyAsync(() -> Load.orders(trading, 120, 16, Duration.ofMillis(50),
                i -> Trading.order(member(i), sku, 1), PATIENCE));

        String hold = UUID.randomUUID().toString();
        CompletableFuture<Http.Reply> late = CompletableFuture.supplyAsync(() -> trading.http.post(Cluster.url(1) + "/lock-probe/api/counters/"
                + counter + "/held-fenced-set?value=1&holdMillis=2000&hold=" + hold, null));
        Trading.await(() -> trading.http.get(Cluster.url(1) + "/lock-probe/api/counters/holds/" + hold).status() == 200, "node 1 to hold the lock");
        long oldToken = trading.http.get(Cluster.url(1) + "/lock-probe/api/counters/holds/" + hold).json().getJsonNumber("token").longValue();
        cluster.pause(1);
        long newToken;
        try {
            newToken = trading.http.post(Cluster.url(2) + "/lock-probe/api/counters/" + counter + "/held-fenced-set?value=2&holdMillis=0&hold="
                    + UUID.randomUUID(), null).expect(200).json().getJsonNumber("token").longValue();
            Trading.sleep(1000);
        } finally {
            cluster.resume(1);
        }
        assertTrue(newToken > oldToken, "node 2's token " + newToken + " is above node 1's " + oldToken);
        Http.Reply stale = late.get();
        assertEquals(409, stale.status(), "node 1's late write: " + stale.body());
        assertTrue(stale.body().contains("Stale fencing token"), stale.body());
        var row = trading.http.get(Cluster.url(1) + "/lock-probe/api/counters/" + counter).expect(200).json();
        assertEquals(2, row.getInt("value"), "node 2's write stands: " + row);
        assertEquals(newToken, row.getJsonNumber("fencingToken").longValue(), row.toString());

        Load.Outcome outcome = load.get();
        // node 1's own requests in flight lost their locks in the pause: refused with 503 at commit, retried by the buyers
        assertAllAccepted(120, outcome, true);
        assertEquals(Map.of("CONFIRMED", 120L), awaitFinal(outcome.accepted()));
        assertEachOrderConfirmedOnce(outcome.accepted(), sku);
        assertDrained();
        report();
    }

    /** The lock server restarted under order load (Redis losing every key, or ZooKeeper): nothing lost, nothing twice. */
    @Test
    @Order(4)
    @Tag("matrix")
    void theLockServerRestartedUnderLoad() throws Exception {
        underLoad(BACKENDS.locks.equals("redis") ? Faults::restartRedis : Faults::restartZooKeeper);
    }

    /** The broker failed under order load (Kafka killed -9 and restarted, or RabbitMQ stopped for 30 s). */
    @Test
    @Order(5)
    @Tag("matrix")
    void theBrokerFailingUnderLoad() throws Exception {
        underLoad(BACKENDS.bus.equals("kafka") ? Faults::killAndRestartKafka : () -> Faults.pauseRabbitMq(30));
    }

    /** Node 2 killed -9 mid-load: buyers go on at node 1, and what node 2 had accepted is relayed and settles. */
    @Test
    @Order(6)
    @Tag(ONE_COMBINATION_IN_THE_BUILD)
    void aNodeKilledMidLoadLeavesNothingBehind() throws Exception {
        String sku = trading.createSku(1, "killed", 1000);
        CompletableFuture<Load.Outcome> load = CompletableFuture.supplyAsync(() -> Load.orders(trading, 240, 16, Duration.ofMillis(40),
                i -> Trading.order(member(i), sku, 1), PATIENCE));
        Trading.sleep(3000);
        cluster.kill(2);
        Load.Outcome outcome;
        try {
            outcome = load.get();
        } finally {
            cluster.restart(2);
        }
        assertAllAccepted(240, outcome, true);
        long onNode2 = outcome.acceptedBy().values().stream().filter(n -> n == 2).count();
        assertTrue(onNode2 > 0, "node 2 accepted orders before it died: " + onNode2);
        assertEquals(Map.of("CONFIRMED", 240L), awaitFinal(outcome.accepted()));
        assertEachOrderConfirmedOnce(outcome.accepted(), sku);
        assertDrained();
        report();
    }

    // ------------------------------------------------------------------ helpers

    private void underLoad(Runnable fault) throws Exception {
        String sku = trading.createSku(1, "faulted", 1000);
        CompletableFuture<Load.Outcome> load = CompletableFuture.supplyAsync(() -> Load.orders(trading, 240, 16, Duration.ofMillis(60),
                i -> Trading.order(member(i), sku, 1), PATIENCE));
        Trading.sleep(3000);
        fault.run();
        Load.Outcome outcome = load.get();
        assertAllAccepted(240, outcome, true);
        assertEquals(Map.of("CONFIRMED", 240L), awaitFinal(outcome.accepted()));
        assertEachOrderConfirmedOnce(outcome.accepted(), sku);
        assertDrained();
        report();
    }

    private static String member(int buyer) {
        return members.get(buyer % members.size());
    }

    /** Every buyer got its order accepted; with {@code faulted}, 503s and unanswered requests were allowed (and retried). */
    private void assertAllAccepted(int buyers, Load.Outcome outcome, boolean faulted) {
        load = outcome;
        System.out.printf("cluster %s: %d accepted in %d ms (%.1f/s), answers %s, unanswered %d%n", BACKENDS, outcome.accepted().size(),
                outcome.millis(), outcome.perSecond(), outcome.answers(), outcome.unanswered());
        assertEquals(List.of(), outcome.gaveUp(), "buyers who gave up");
        assertEquals(buyers, outcome.accepted().size(), "one order per buyer: " + outcome.answers());
        if (!faulted) {
            assertEquals(0, outcome.serverErrors() + outcome.unanswered(), "no 5xx and no lost request without a fault: " + outcome.answers());
        } else {
            assertEquals(0, outcome.answered(500), "a fault may give 503 (retried), never 500: " + outcome.answers());
        }
    }

    private static Map<String, Long> awaitFinal(Set<String> orders) {
        Trading.await(() -> !db.statuses(orders).containsKey("PENDING")
                && db.statuses(orders).values().stream().mapToLong(Long::longValue).sum() == orders.size(),
                () -> "every order to leave PENDING: " + db.statuses(orders) + "\n" + cluster.problems(1) + "\n" + cluster.problems(2), PATIENCE);
        return db.statuses(orders);
    }

    /** order.placed, inventory.reserved and order.confirmed each received exactly once per order by another module. */
    private static void assertEachOrderConfirmedOnce(Set<String> orders, String sku) {
        for (String topic : List.of("order.placed", "inventory.reserved", "order.confirmed")) {
            Trading.await(() -> db.recorded(topic, orders).size() == orders.size(),
                    () -> topic + " recorded for " + db.recorded(topic, orders).size() + " of " + orders.size() + " orders", PATIENCE);
            Map<String, Long> twice = db.recorded(topic, orders).entrySet().stream().filter(e -> e.getValue() != 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(Map.of(), twice, topic + " received more than once");
        }
        List<ClusterDb.Movement> ledger = assertLedgerAddsUp(sku);
        List<String> reservedFor = ledger.stream().filter(m -> m.change().equals("RESERVED")).map(ClusterDb.Movement::orderId).toList();
        assertEquals(orders.size(), reservedFor.size(), "one reservation per order");
        assertEquals(orders, new HashSet<>(reservedFor));
    }

    /** The ledger replayed from its first entry gives every recorded state, never a negative available, and the SKU row. */
    private static List<ClusterDb.Movement> assertLedgerAddsUp(String sku) {
        List<ClusterDb.Movement> ledger = db.movements(sku);
        long onHand = 0;
        long reserved = 0;
        for (int i = 0; i < ledger.size(); i++) {
            ClusterDb.Movement m = ledger.get(i);
            assertEquals(i + 1, m.seq(), "ledger sequence without gaps");
            switch (m.change()) {
                case "CREATED", "ADJUSTED" -> onHand += m.quantity();
                case "RESERVED" -> reserved += m.quantity();
                case "RELEASED" -> reserved -= m.quantity();
                case "SOLD" -> {
                    onHand -= m.quantity();
                    reserved -= m.quantity();
                }
                default -> throw new AssertionError("unknown change " + m);
            }
            assertEquals(List.of(onHand, reserved, onHand - reserved), List.of(m.onHand(), m.reserved(), m.available()), "after " + m);
            assertTrue(m.available() >= 0, "available below 0 at " + m);
        }
        ClusterDb.Sku row = db.sku(sku);
        assertEquals(List.of(onHand, reserved), List.of(row.onHand(), row.reserved()), "the SKU row is the ledger's sum");
        return ledger;
    }

    /**
     * One row of the results table (scripts/fault-matrix.sh collects them): what the buyers saw, and counted afresh in
     * the database, orders still PENDING or missing an event at another module ("lost") and events received twice.
     */
    private void report() {
        Set<String> orders = load.accepted();
        Map<String, Long> statuses = db.statuses(orders);
        long lost = orders.size() - statuses.values().stream().mapToLong(Long::longValue).sum() + statuses.getOrDefault("PENDING", 0L)
                + orders.size() - db.recorded("order.placed", orders).size();
        long twice = db.recorded("order.placed", orders).values().stream().mapToLong(n -> n - 1).sum();
        Set<String> confirmed = new HashSet<>(db.query("SELECT order_id FROM order_purchase WHERE status = 'CONFIRMED' AND order_id = ANY(?)",
                rs -> rs.getString(1), orders));
        for (String topic : List.of("inventory.reserved", "order.confirmed")) {
            Map<String, Long> received = db.recorded(topic, confirmed);
            lost += confirmed.size() - received.size();
            twice += received.values().stream().mapToLong(n -> n - 1).sum();
        }
        String nodes = SHAPE.equals("wildfly") ? "2 WildFly" : "Payara Server + Micro (order)";
        System.out.printf("matrix| %s | %s | %s | %d | %s | %d | %d | %d | %.0f |%n", nodes, BACKENDS, caseName, orders.size(),
                load.answers(), load.unanswered(), lost, twice, (System.nanoTime() - started) / 1e9);
    }

    private static void assertDrained() {
        Trading.await(() -> db.unsentEvents() == 0 && db.parkedDeliveries() == 0,
                () -> "the outbox to drain and parked deliveries to go: unsent " + db.unsentEvents() + ", parked " + db.parkedDeliveries(), PATIENCE);
        assertEquals(List.of(), db.deadLetters(), "dead letters");
    }
}
