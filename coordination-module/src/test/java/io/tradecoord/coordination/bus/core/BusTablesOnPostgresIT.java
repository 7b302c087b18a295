package io.tradecoord.coordination.bus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.smoke.IndexReads;
import io.tradecoord.coordination.smoke.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bus tables made by a module joining while other modules (or another node) already work on them, in a schema
 * of its own on the real PostgreSQL.
 */
class BusTablesOnPostgresIT {

    private final String schema = "bus_tables_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void freshSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * A module joins (its transaction runs the bus DDL) while another module's transaction has written to the inbox and
     * is about to write to the outbox, as a relay, a consumer or a capture does at any time. The DDL must not lock the
     * tables it finds complete: seen as "deadlock detected" failing the deployment of a module of the EAR on Payara
     * Server, and it would fail a node that starts next to a running one.
     */
    @Test
    void joiningWhileAnotherModuleWritesLocksNoTableOnceTheyExist() throws Exception {
        try (Connection setup = connect()) {
            assertEquals(0, BusTables.schemaVersion(setup), "a database without the bus tables");
            BusTables.create(setup);
            assertEquals(BusTables.SCHEMA_VERSION, BusTables.schemaVersion(setup));
        }
        try (Connection working = connect(); Connection joining = connect()) {
            working.setAutoCommit(false);
            joining.setAutoCommit(false);
            try (Statement s = working.createStatement()) {
                s.execute("INSERT INTO coordination_inbox (module, message_id, topic, applied_at) VALUES ('a', 'm1', 't', CURRENT_TIMESTAMP)");
            }
            CompletableFuture<Void> join = CompletableFuture.runAsync(() -> {
                try {
                    BusTables.create(joining);
                    joining.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(500); // the join is under way (with the old DDL: waiting for the inbox, holding the outbox)
            try (Statement s = working.createStatement()) {
                s.execute("SET LOCAL lock_timeout = '5s'");
                s.execute("INSERT INTO coordination_outbox (message_id, topic, event_type, occurred_at, source_module, payload)"
                        + " VALUES ('m2', 't', 'T', '2026-01-01T00:00:00Z', 'a', '{}')");
            }
            working.commit();
            join.get(10, TimeUnit.SECONDS);
        }
        try (Connection c = connect(); Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM coordination_outbox")) {
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    /**
     * Every delivery asks the inbox whether its message was applied. PostgreSQL plans that query once per connection
     * (server-side prepared statements keep a generic plan) and, for a table still empty and never analysed (a new
     * database; autovacuum off, as on this machine), chose the retention index (module, applied_at) over the primary
     * key: each later lookup then read every inbox row of the module. Seen as 2,500 index entries per delivery, two
     * thirds of the tuples PostgreSQL returned in the order benchmark.
     */
    @Test
    void askingWhetherAMessageWasAppliedReadsOneIndexEntryWhateverThePlanWasMadeFor() throws Exception {
        try (Connection setup = connect()) {
            BusTables.create(setup);
        }
        try (Connection delivering = connect(); Connection filling = connect()) {
            IndexReads.planOnceAndKeep(delivering);
            assertFalse(BusTables.alreadyApplied(delivering, "a", "m-first"), "planned while the inbox is empty");
            try (Statement s = filling.createStatement()) {
                s.execute("INSERT INTO coordination_inbox (module, message_id, topic, applied_at)"
                        + " SELECT 'a', 'm-' || i, 't', CURRENT_TIMESTAMP FROM generate_series(1, 2000) i");
            }
            long before = IndexReads.of(delivering, schema, "coordination_inbox");
            for (int i = 1; i <= 20; i++) {
                assertTrue(BusTables.alreadyApplied(delivering, "a", "m-" + i * 100));
            }
            long read = IndexReads.of(delivering, schema, "coordination_inbox") - before;
            assertTrue(read <= 40, "20 lookups by message id fetched " + read + " rows");
        }
    }

    /**
     * A topic whose subscriber is not running (or is still deploying: the startup grace) has its first row parked and
     * holds its later rows back. Those rows used to be read and filtered out by every relay pass: at 100 orders/s,
     * thousands of index entries per pass within a minute. Now each is read once and parked with the topic; when the
     * park ends, the topic's rows go out first to last, in their place among the others.
     */
    @Test
    void aParkedTopicsLaterRowsAreReadOnceAndGoOutInOrderWhenTheParkEnds() throws Exception {
        Instant now = Instant.parse("2026-12-08T10:00:00Z");
        try (Connection c = connect()) {
            BusTables.create(c);
            IndexReads.planOnceAndKeep(c);
            BusTables.appendToOutbox(c, event("quiet", 0));
            long first = BusTables.pendingOutbox(c, "a", 10, now).get(0).seq();
            BusTables.park(c, first, "no module subscribes to topic quiet", now.plusSeconds(60), false);
            for (int i = 1; i <= 2000; i++) {
                BusTables.appendToOutbox(c, event(i % 200 == 0 ? "busy" : "quiet", i));
            }

            assertEquals(10, BusTables.pendingOutbox(c, "a", 100, now).size(), "the other topic's rows go ahead");
            assertEquals(10, BusTables.pendingOutbox(c, "a", 100, now.plusSeconds(1)).size());
            long before = IndexReads.of(c, schema, "coordination_outbox");
            List<BusTables.OutboxRow> again = BusTables.pendingOutbox(c, "a", 100, now.plusSeconds(2));
            long read = IndexReads.of(c, schema, "coordination_outbox") - before;
            assertEquals(10, again.size());
            assertTrue(read <= 50, "the next pass fetched " + read + " rows for 10 due ones");

            BusTables.deleteSent(c, again.stream().map(BusTables.OutboxRow::seq).toList());
            List<BusTables.OutboxRow> afterThePark = BusTables.pendingOutbox(c, "a", 100, now.plusSeconds(61));
            assertEquals(100, afterThePark.size());
            assertEquals(first, afterThePark.get(0).seq(), "the parked row goes first");
            for (int i = 1; i < afterThePark.size(); i++) {
                assertTrue(afterThePark.get(i).seq() > afterThePark.get(i - 1).seq(), "in order");
                assertEquals("quiet", afterThePark.get(i).envelope().topic());
            }
        }
    }

    private static Envelope event(String topic, int n) {
        return new Envelope(UUID.randomUUID().toString(), topic, "k" + (n % 7), "T", Instant.parse("2026-12-08T09:00:00Z"), "a",
                null, "{}", 1, 0, false);
    }

    /** A database made by the previous version keeps its rows and loses the two indexes that misled the planner. */
    @Test
    void theRetentionIndexesThatMisledThePlannerAreReplacedInAnExistingDatabase() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            BusTables.create(c);
            s.execute("DROP INDEX coordination_inbox_applied_at");
            s.execute("DROP INDEX coordination_request_stored_at");
            s.execute("CREATE INDEX coordination_inbox_applied ON coordination_inbox (module, applied_at)");
            s.execute("CREATE INDEX coordination_request_stored ON coordination_request (module, stored_at)");
            s.execute("INSERT INTO coordination_inbox (module, message_id, topic, applied_at) VALUES ('a', 'm1', 't', CURRENT_TIMESTAMP)");
            s.execute("UPDATE coordination_schema SET version = 2");

            BusTables.create(c);

            assertEquals(BusTables.SCHEMA_VERSION, BusTables.schemaVersion(c));
            assertTrue(BusTables.alreadyApplied(c, "a", "m1"));
            try (var rs = s.executeQuery("SELECT string_agg(indexname, ',' ORDER BY indexname) FROM pg_indexes"
                    + " WHERE schemaname = '" + schema + "' AND tablename IN ('coordination_inbox', 'coordination_request')")) {
                rs.next();
                assertEquals("coordination_inbox_applied_at,coordination_inbox_pkey,coordination_request_pkey,coordination_request_stored_at",
                        rs.getString(1));
            }
        }
    }

    /** A connection whose unqualified tables are this test's schema's. */
    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return connection;
    }
}
