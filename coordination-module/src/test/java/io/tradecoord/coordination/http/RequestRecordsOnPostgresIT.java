package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.core.BusTables;
import io.tradecoord.coordination.smoke.IndexReads;
import io.tradecoord.coordination.smoke.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stored answers to Idempotency-Keys on the real PostgreSQL, in a schema of this test's own. */
class RequestRecordsOnPostgresIT {

    private final String schema = "request_records_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void freshSchema() throws SQLException {
        try (Connection c = connect(false)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
        }
        try (Connection c = connect(true)) {
            BusTables.create(c);
        }
    }

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection c = connect(false); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * Every request with an Idempotency-Key looks its key up. Planned once per connection while the table was empty
     * and never analysed, the lookup used the retention index (module, stored_at) and read every stored answer of the
     * module each time, instead of the primary key's one entry.
     */
    @Test
    void lookingAKeyUpReadsOneIndexEntryWhateverThePlanWasMadeFor() throws Exception {
        try (Connection requests = connect(true); Connection filling = connect(true)) {
            IndexReads.planOnceAndKeep(requests);
            assertTrue(RequestRecords.find(requests, "a", "k-first").isEmpty(), "planned while the table is empty");
            try (Statement s = filling.createStatement()) {
                s.execute("INSERT INTO coordination_request (module, scoped_key, fingerprint, status, stored_at)"
                        + " SELECT 'a', 'k-' || i, 'f', 201, CURRENT_TIMESTAMP FROM generate_series(1, 2000) i");
            }
            long before = IndexReads.of(requests, schema, "coordination_request");
            for (int i = 1; i <= 20; i++) {
                assertTrue(RequestRecords.find(requests, "a", "k-" + i * 100).isPresent());
            }
            long read = IndexReads.of(requests, schema, "coordination_request") - before;
            assertTrue(read <= 40, "20 lookups by key fetched " + read + " rows");
        }
    }

    private Connection connect(boolean inSchema) throws SQLException {
        Connection connection = DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
        if (inSchema) {
            try (Statement s = connection.createStatement()) {
                s.execute("SET search_path TO " + schema);
            }
        }
        return connection;
    }
}
