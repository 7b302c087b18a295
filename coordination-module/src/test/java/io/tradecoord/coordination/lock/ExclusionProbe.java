package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperLockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperSettings;
import io.tradecoord.coordination.smoke.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Work under one lock key whose overlaps PostgreSQL would see: a holder marks its entry ({@code inside + 1},
 * which must then be 1), increments a counter by a read and a separate write (two overlapping holders lose an
 * increment), and marks its exit. Run by threads of the test's JVM and of a second JVM ({@link #main}); the row
 * of a run then tells whether the lock ever let two holders in.
 */
public final class ExclusionProbe {

    static final String TABLE = "coordination_exclusion_probe";

    private ExclusionProbe() {
    }

    /** {@code java ExclusionProbe <redis|redis-cluster|redis-sentinel|zookeeper> <key> <run> <threads> <iterations>}: one node of the test, in its own JVM. */
    public static void main(String[] args) throws Exception {
        String backend = args[0];
        LockProvider provider = switch (backend) {
            case "redis" -> new RedisLockProvider(RedisLockConformanceIT.settings());
            case "redis-cluster" -> new RedisLockProvider(RedisClusterLockConformanceIT.settings());
            case "redis-sentinel" -> new RedisLockProvider(RedisSentinelLockConformanceIT.settings());
            case "zookeeper" -> new ZooKeeperLockProvider(new ZooKeeperSettings(TestServices.ZOOKEEPER, 10_000, 5_000, "tradecoord-test"));
            default -> throw new IllegalArgumentException("no cross-JVM backend " + backend);
        };
        try (LockManager locks = new LockManager(provider, Lease.renewing(Duration.ofSeconds(30)))) {
            run(locks, args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        }
        System.out.println("probe done");
    }

    /** Creates the run's row. */
    static void prepare(String run) throws SQLException {
        try (Connection db = connect()) {
            db.createStatement().execute("CREATE TABLE IF NOT EXISTS " + TABLE
                    + " (run VARCHAR(64) PRIMARY KEY, inside INT NOT NULL, counter INT NOT NULL, overlap_count INT NOT NULL)");
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + TABLE + " VALUES (?, 0, 0, 0)")) {
                insert.setString(1, run);
                insert.executeUpdate();
            }
        }
    }

    /** The run's {@code counter}, {@code overlap_count} and {@code inside}, and deletes its row. */
    static int[] result(String run) throws SQLException {
        try (Connection db = connect();
             PreparedStatement select = db.prepareStatement("SELECT counter, overlap_count, inside FROM " + TABLE + " WHERE run = ?");
             PreparedStatement delete = db.prepareStatement("DELETE FROM " + TABLE + " WHERE run = ?")) {
            select.setString(1, run);
            int[] result;
            try (ResultSet row = select.executeQuery()) {
                row.next();
                result = new int[] {row.getInt(1), row.getInt(2), row.getInt(3)};
            }
            delete.setString(1, run);
            delete.executeUpdate();
            return result;
        }
    }

    /** {@code threads} threads, each {@code iterations} times: lock, probe, unlock. */
    static void run(DistributedLocks locks, String key, String run, int threads, int iterations) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    try (Connection db = connect()) {
                        for (int i = 0; i < iterations; i++) {
                            try (LockHandle held = locks.acquire(key, Duration.ofSeconds(60))) {
                                probe(db, run);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void probe(Connection db, String run) throws SQLException {
        int inside = update(db, "UPDATE " + TABLE + " SET inside = inside + 1 WHERE run = ? RETURNING inside", run);
        if (inside != 1) {
            update(db, "UPDATE " + TABLE + " SET overlap_count = overlap_count + 1 WHERE run = ? RETURNING overlap_count", run);
        }
        int counter = update(db, "SELECT counter FROM " + TABLE + " WHERE run = ?", run);
        try (PreparedStatement write = db.prepareStatement("UPDATE " + TABLE + " SET counter = ? WHERE run = ?")) {
            write.setInt(1, counter + 1);
            write.setString(2, run);
            write.executeUpdate();
        }
        update(db, "UPDATE " + TABLE + " SET inside = inside - 1 WHERE run = ? RETURNING inside", run);
    }

    private static int update(Connection db, String sql, String run) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setString(1, run);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(TestServices.POSTGRES_URL, TestServices.POSTGRES_USER, "");
    }
}
