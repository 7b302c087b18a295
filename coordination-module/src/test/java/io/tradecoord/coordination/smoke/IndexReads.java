package io.tradecoord.coordination.smoke;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many live rows PostgreSQL fetched through one table's indexes, from its own statistics: the figure that tells
 * a lookup by key (one row) from a scan that reads many and filters them. Live rows only: index entries of row
 * versions another transaction may still see (its snapshot holds them) do not count, so the figure does not depend
 * on what else runs on the server. Counts what the given connection did, after flushing its statistics.
 */
public final class IndexReads {

    private IndexReads() {
    }

    /** Rows fetched through the indexes of {@code schema.table} so far, including this connection's statements. */
    public static long of(Connection connection, String schema, String table) throws SQLException {
        try (Statement flush = connection.createStatement()) {
            flush.execute("SELECT pg_stat_force_next_flush()"); // the flush happens when this statement's transaction ends
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT coalesce(sum(idx_tup_fetch), 0) FROM pg_stat_user_indexes WHERE schemaname = ? AND relname = ?")) {
            select.setString(1, schema);
            select.setString(2, table);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Makes {@code connection} keep one generic plan per prepared statement, as the JDBC driver's server-side prepared
     * statements do after a few executions: the plan made for the table as it was when first used.
     */
    public static void planOnceAndKeep(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
        }
    }
}
