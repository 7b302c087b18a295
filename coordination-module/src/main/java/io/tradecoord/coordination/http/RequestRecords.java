package io.tradecoord.coordination.http;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * The table {@code coordination_request} (created with the bus's tables): one row per (module, caller's key) with
 * the answer the first request got. Plain JDBC on a connection the caller owns (and has enlisted).
 */
final class RequestRecords {

    /** The largest answer body kept (characters), as the column allows. */
    static final int MAX_BODY = 1_048_576;

    private RequestRecords() {
    }

    /** The first answer to a request: what it asked (fingerprint) and what it got. */
    record Stored(String fingerprint, int status, String location, String body, Instant storedAt) {
    }

    static Optional<Stored> find(Connection connection, String module, String scopedKey) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT fingerprint, status, location, body, stored_at FROM coordination_request WHERE module = ? AND scoped_key = ?")) {
            select.setString(1, module);
            select.setString(2, scopedKey);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Stored(row.getString(1), row.getInt(2), row.getString(3), row.getString(4),
                        row.getTimestamp(5).toInstant()));
            }
        }
    }

    static void insert(Connection connection, String module, String scopedKey, Stored stored) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO coordination_request"
                + " (module, scoped_key, fingerprint, status, location, body, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, module);
            insert.setString(2, scopedKey);
            insert.setString(3, stored.fingerprint());
            insert.setInt(4, stored.status());
            insert.setString(5, stored.location());
            insert.setString(6, stored.body());
            insert.setTimestamp(7, Timestamp.from(stored.storedAt()));
            insert.executeUpdate();
        }
    }

    static void delete(Connection connection, String module, String scopedKey) {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM coordination_request WHERE module = ? AND scoped_key = ?")) {
            delete.setString(1, module);
            delete.setString(2, scopedKey);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not forget an expired answer of " + module + ": " + e.getMessage(), e);
        }
    }

    static int deleteStoredBefore(Connection connection, String module, Instant before) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM coordination_request WHERE module = ? AND stored_at < ?")) {
            delete.setString(1, module);
            delete.setTimestamp(2, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }
}
