package io.tradecoord.coordination.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** A real round trip over JDBC: a committed row is read back; a rolled-back one is gone. */
class PostgresSmokeIT {

    @Test
    void commitKeepsRollbackDiscards() throws SQLException {
        Connection connection;
        try {
            connection = DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
        } catch (SQLException e) {
            throw TestServices.unreachable("PostgreSQL", TestServices.POSTGRES_URL, e);
        }
        try (connection; Statement ddl = connection.createStatement()) {
            ddl.execute("CREATE TEMPORARY TABLE smoke (id int PRIMARY KEY, note text NOT NULL)");
            connection.setAutoCommit(false);

            insert(connection, 1, "kept");
            connection.commit();
            insert(connection, 2, "discarded");
            connection.rollback();

            try (ResultSet rows = ddl.executeQuery("SELECT id, note FROM smoke ORDER BY id")) {
                assertTrue(rows.next());
                assertEquals(1, rows.getInt("id"));
                assertEquals("kept", rows.getString("note"));
                assertFalse(rows.next(), "the rolled-back row must not exist");
            }
        }
    }

    private static void insert(Connection connection, int id, String note) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO smoke (id, note) VALUES (?, ?)")) {
            insert.setInt(1, id);
            insert.setString(2, note);
            assertEquals(1, insert.executeUpdate());
        }
    }
}
