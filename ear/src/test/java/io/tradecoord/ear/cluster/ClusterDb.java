package io.tradecoord.ear.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Read-only checks in the cluster's database: what both nodes wrote, seen from outside the application. */
final class ClusterDb {

    private final String url;

    ClusterDb(String database) {
        this.url = "jdbc:postgresql://127.0.0.1:5432/" + database;
    }

    record Sku(long onHand, long reserved) {
        long available() {
            return onHand - reserved;
        }
    }

    record Movement(long seq, String change, long quantity, String orderId, long onHand, long reserved, long available) {
    }

    Sku sku(String code) {
        return query("SELECT on_hand, reserved FROM inventory_sku WHERE sku = ?", rs -> new Sku(rs.getLong(1), rs.getLong(2)), code).get(0);
    }

    List<Movement> movements(String code) {
        return query("SELECT seq, change_type, quantity, order_id, on_hand, reserved, available FROM inventory_movement WHERE sku = ? ORDER BY seq",
                rs -> new Movement(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)),
                code);
    }

    /** How many of these orders are in each status. */
    Map<String, Long> statuses(Collection<String> orderIds) {
        Map<String, Long> counts = new TreeMap<>();
        query("SELECT status, count(*) FROM order_purchase WHERE order_id = ANY(?) GROUP BY status",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), orderIds);
        return counts;
    }

    /** How many times the recorder module received {@code topic} for each of these keys (an absent key: never). */
    Map<String, Long> recorded(String topic, Collection<String> keys) {
        Map<String, Long> counts = new TreeMap<>();
        query("SELECT eventkey, count(*) FROM flow_probe_event WHERE topic = ? AND eventkey = ANY(?) GROUP BY eventkey",
                rs -> counts.put(rs.getString(1), rs.getLong(2)), topic, keys);
        return counts;
    }

    long unsentEvents() {
        return count("SELECT count(*) FROM coordination_outbox WHERE sent_at IS NULL");
    }

    long parkedDeliveries() {
        return count("SELECT count(*) FROM coordination_retry");
    }

    List<String> deadLetters() {
        return query("SELECT module || ' ' || stage || ' ' || topic || ' ' || coalesce(message_key, '') || ': ' || error FROM coordination_dead_letter",
                rs -> rs.getString(1));
    }

    long count(String sql, Object... args) {
        return query(sql, rs -> rs.getLong(1), args).get(0);
    }

    interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Collection<?> values) {
                    Array array = connection.createArrayOf("varchar", values.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, args[i]);
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
