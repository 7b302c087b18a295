package io.tradecoord.coordination.bus.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import io.tradecoord.coordination.smoke.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whether deliveries must ask for parked keys, on the real PostgreSQL, with a sweep's look at the table racing a park:
 * seen once in the Kafka bus conformance suite, where the event behind a parked one was applied before it (the sweep's
 * "nothing parked", read before the park committed, was written after the park had said "ask").
 */
class ParkedDeliveriesOnPostgresIT {

    private static final String REFRESHER = "sweep";

    private final String schema = "parked_" + UUID.randomUUID().toString().substring(0, 8);
    private final CountDownLatch queried = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void freshSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try (Connection c = connect()) {
            BusTables.create(c);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void aSweepThatLookedBeforeAParkCommittedDoesNotStopTheDeliveriesAsking() throws Exception {
        ParkedDeliveries parked = new ParkedDeliveries(new Host(), null, BusSettings.defaults(), () -> false);
        parked.refresh();
        assertFalse(parked.mayHoldKeys(), "nothing parked: deliveries need not ask");

        Thread sweep = new Thread(parked::refresh, REFRESHER);
        sweep.start();
        assertTrue(queried.await(10, TimeUnit.SECONDS), "the sweep read the table");
        parked.park(new Envelope(UUID.randomUUID().toString(), "topic.t", "t", "Event", Instant.now(), "producer", null, "{}"),
                3, "database busy", Instant.now());
        release.countDown();
        sweep.join(10_000);

        assertTrue(parked.mayHoldKeys(), "a park committed after the sweep's query: the next delivery of key t must ask");
        parked.refresh();
        assertTrue(parked.mayHoldKeys(), "the parked row is there");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM coordination_retry");
        }
        parked.refresh();
        assertFalse(parked.mayHoldKeys(), "nothing parked any more, nothing under way");
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return connection;
    }

    /** JDBC transactions in the test's schema; the sweep's transaction, once it has read, waits for the test. */
    private final class Host implements ModuleHost {

        @Override
        public String module() {
            return "parked-module";
        }

        @Override
        public Map<String, Class<?>> consumedTopics() {
            return Map.of();
        }

        @Override
        public <T> T inTransaction(TransactionalWork<T> work) throws Exception {
            T result;
            try (Connection connection = connect()) {
                connection.setAutoCommit(false);
                result = work.run(connection, event -> {
                });
                connection.commit();
            }
            if (Thread.currentThread().getName().equals(REFRESHER)) {
                queried.countDown();
                release.await(10, TimeUnit.SECONDS);
            }
            return result;
        }
    }
}
