package io.tradecoord.benchmarks.bus;

import io.tradecoord.coordination.bus.spi.ModuleHost;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A module outside an application server, as the bus conformance suite runs one ({@code JdbcModuleHost} in the
 * coordination-module tests): its transactions are JDBC transactions on PostgreSQL over a small pool of reused
 * connections, and its "observers" are one callback. Unlike the test host it does not validate a pooled
 * connection on every borrow (that would add a round trip to every relay transaction).
 * <p>
 * It also watches its outbox relay from outside, without touching the bus code: the relay thread
 * ({@code coordination-outbox-relay-<module>}) runs the SELECT transactions of pending rows (the work returns the
 * rows); its settler thread (the same name + {@code -confirms}) runs one transaction per batch that deletes the
 * confirmed rows (the work returns the number deleted, an {@code Integer}). So after each such commit the host knows
 * how many rows are gone, when, and how long the two kinds of transaction took.
 */
final class BenchHost implements ModuleHost {

    /** What the module's {@code @Observes @Incoming} observer does with an event, inside the inbox transaction. */
    interface Observer {
        void observe(BenchEvent event) throws Exception;
    }

    private final String module;
    private final Map<String, Class<?>> consumedTopics;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final BlockingQueue<Connection> pool = new ArrayBlockingQueue<>(8);
    private final String relayThreadName;
    private volatile Observer observer = event -> {
        throw new IllegalStateException("no observer set");
    };

    // relay accounting: written by the relay's two threads
    final AtomicLong markedRows = new AtomicLong();
    volatile long lastMarkedAtNanos;
    final AtomicLong selectNanos = new AtomicLong();
    final AtomicLong selectCount = new AtomicLong();
    final AtomicLong markNanos = new AtomicLong();
    final AtomicLong markCount = new AtomicLong();
    final AtomicLong relayRoundsStarted = new AtomicLong();
    private volatile long firstRelayTxNanos;

    BenchHost(String module, Map<String, Class<?>> consumedTopics, String url, String user) {
        this.module = module;
        this.consumedTopics = consumedTopics;
        this.relayThreadName = "coordination-outbox-relay-" + module;
        dataSource.setUrl(url);
        dataSource.setUser(user);
    }

    void observer(Observer observer) {
        this.observer = observer;
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public Map<String, Class<?>> consumedTopics() {
        return consumedTopics;
    }

    /** A connection of its own for the benchmark's queries; closing it really closes it. */
    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    private Connection borrow() throws SQLException {
        Connection pooled = pool.poll();
        return pooled != null && !pooled.isClosed() ? pooled : dataSource.getConnection();
    }

    private void giveBack(Connection connection) throws SQLException {
        if (connection.isClosed() || !pool.offer(connection)) {
            connection.close();
        }
    }

    @Override
    public <T> T inTransaction(TransactionalWork<T> work) throws Exception {
        boolean relay = Thread.currentThread().getName().startsWith(relayThreadName);
        long start = relay ? System.nanoTime() : 0;
        if (relay && firstRelayTxNanos == 0) {
            firstRelayTxNanos = start;
        }
        Connection connection = borrow();
        T result;
        try {
            connection.setAutoCommit(false);
            result = work.run(connection, event -> observer.observe((BenchEvent) event));
            connection.commit();
        } catch (Exception e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                connection.close();
            }
            throw e;
        } finally {
            giveBack(connection);
        }
        if (relay) {
            long end = System.nanoTime();
            if (result instanceof List<?> rows) {
                selectNanos.addAndGet(end - start);
                selectCount.incrementAndGet();
                if (!rows.isEmpty()) {
                    relayRoundsStarted.incrementAndGet();
                }
            } else if (result instanceof Integer deleted) {
                markNanos.addAndGet(end - start);
                markCount.incrementAndGet();
                lastMarkedAtNanos = end;
                markedRows.addAndGet(deleted);
            }
        }
        return result;
    }

    /** When the relay began its first transaction since {@link #resetRelayAccounting()}, 0 if it did not yet. */
    long firstRelayTxNanos() {
        return firstRelayTxNanos;
    }

    void resetRelayAccounting() {
        firstRelayTxNanos = 0;
        markedRows.set(0);
        selectNanos.set(0);
        selectCount.set(0);
        markNanos.set(0);
        markCount.set(0);
        relayRoundsStarted.set(0);
    }

    void close() {
        Connection c;
        while ((c = pool.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
