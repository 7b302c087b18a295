package io.tradecoord.coordination.bus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tradecoord.coordination.smoke.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** A connection whose unqualified tables are this test's schema's. */
    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
        try (Statement s = connection.createStatement()) {
            s.execute("SET search_path TO " + schema);
        }
        return connection;
    }
}
