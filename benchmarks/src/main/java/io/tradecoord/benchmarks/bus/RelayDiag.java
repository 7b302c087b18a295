package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.bus.Rounds.check;

import io.tradecoord.benchmarks.bus.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.bus.Rounds.Case;
import io.tradecoord.benchmarks.bus.Rounds.Round;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.BusTables;
import io.tradecoord.coordination.bus.core.BusTables.OutboxRow;
import io.tradecoord.coordination.bus.spi.BusTransport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Diagnostics of the relay (--diag): where its time goes and what the suggested changes would give, measured the
 * same way as case 3's drain variant (a backlog of N rows written first, then drained by one thread), WITHOUT
 * changing the bus code: these are copies of {@code OutboxRelay.publishOneBatch}'s loop in the benchmark, using the
 * bus's own {@link BusTables} statements except where a change is prototyped.
 * <ul>
 * <li>d1: the relay's two transactions only ({@code BusTables.pendingOutbox}, {@code BusTables.markSent}), no broker:
 * the database ceiling of today's loop.</li>
 * <li>d2: as d1, but the SELECT orders by {@code source_module, sent_at, seq} (the columns of the index
 * {@code coordination_outbox_pending}; the same rows in the same order, since the first two are fixed by the WHERE):
 * PostgreSQL then reads the index in order and stops after the batch, instead of fetching EVERY pending row of the
 * module and sorting them by {@code seq} for each batch.</li>
 * <li>d3: as d2, the confirmed rows DELETEd in one statement instead of marked (an UPDATE of a ~1.3 KB row writes a
 * whole new row version and new entries in all three indexes; a DELETE only marks the old one).</li>
 * <li>d4: the whole loop on Kafka (SELECT in index order, publish all, await every confirm, {@code BusTables.markSent}).</li>
 * <li>d5: as d4, pipelined: awaiting batch k's confirms and marking it sent run on a second thread (own connection)
 * while batch k+1 is selected ({@code seq >} the last one handed over) and published; at most one batch behind.</li>
 * <li>d6: as d5 with the one-statement DELETE.</li>
 * </ul>
 */
final class RelayDiag extends Case {

    enum Variant {
        DB_AS_IS, DB_INDEX_ORDER, DB_INDEX_ORDER_DELETE, KAFKA_INDEX_ORDER, KAFKA_PIPELINED, KAFKA_PIPELINED_DELETE;

        boolean kafka() {
            return name().startsWith("KAFKA");
        }

        boolean delete() {
            return name().endsWith("DELETE");
        }
    }

    /** BusTables.pendingOutbox's query, ordered by the index's columns (the prototyped fix). */
    private static final String SELECT_INDEX_ORDER = """
            SELECT seq, message_id, topic, message_key, event_type, occurred_at, source_module, correlation_id, payload
            FROM coordination_outbox WHERE source_module = ? AND sent_at IS NULL
              AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY source_module, sent_at, seq FETCH FIRST ? ROWS ONLY""";

    private static final String SELECT_AFTER = """
            SELECT seq, message_id, topic, message_key, event_type, occurred_at, source_module, correlation_id, payload
            FROM coordination_outbox WHERE source_module = ? AND sent_at IS NULL
              AND (next_attempt_at IS NULL OR next_attempt_at <= ?) AND seq > ? ORDER BY source_module, sent_at, seq
            FETCH FIRST ? ROWS ONLY""";

    private final BenchEnv env;
    private final Variant variant;
    private final BusTransport transport;
    private final String topic;
    private final RelayCase.Broker broker;
    private int roundNo;
    final List<double[]> splits = new ArrayList<>();

    RelayDiag(BenchEnv env, String id, String label, Variant variant, BusTransport transport, String topic, RelayCase.Broker broker) {
        super(id, label, "rows", "first SELECT → last mark committed");
        this.env = env;
        this.variant = variant;
        this.transport = transport;
        this.topic = topic;
        this.broker = broker;
    }

    @Override
    Round runRound(boolean warmup) throws Exception {
        int n = warmup ? env.options.relayWarmupEvents : env.options.relayEvents;
        String module = env.prefix + "-diag-" + id + "-" + (++roundNo);
        BenchHost host = env.host(module, Map.of());
        try {
            env.write(host, topic, n, () -> { });
            long before = broker == null ? 0 : broker.count(-1);
            long[] split = new long[3]; // select, mark, rounds
            long start = System.nanoTime();
            long moved = switch (variant) {
                case DB_AS_IS, DB_INDEX_ORDER, DB_INDEX_ORDER_DELETE, KAFKA_INDEX_ORDER -> sequential(host, module, split);
                case KAFKA_PIPELINED, KAFKA_PIPELINED_DELETE -> pipelined(host, module, split);
            };
            long elapsed = System.nanoTime() - start;
            check(moved == n, id + ": moved " + moved + " of " + n + " rows");
            check(env.unsent(module) == 0, id + ": " + env.unsent(module) + " rows unsent");
            if (broker != null) {
                long after = broker.count(before + n);
                check(after - before == n, id + ": broker count grew by " + (after - before) + ", not " + n);
                broker.afterRound();
            }
            Round round = new Round();
            round.ops = n;
            round.elapsedNanos = elapsed;
            round.remark = String.format(Locale.ROOT, "%d rounds, SELECT %.0f ms + mark %.0f ms of %.0f ms", split[2],
                    split[0] / 1e6, split[1] / 1e6, elapsed / 1e6);
            if (!warmup) {
                splits.add(new double[] {split[0] / 1e6, split[1] / 1e6, elapsed / 1e6});
            }
            return round;
        } finally {
            host.close();
        }
    }

    String split() {
        List<Double> select = new ArrayList<>();
        List<Double> mark = new ArrayList<>();
        for (double[] s : splits) {
            select.add(s[0] / s[2] * 100);
            mark.add(s[1] / s[2] * 100);
        }
        return String.format(Locale.ROOT, "%.0f%% / %.0f%%", Rounds.median(select), Rounds.median(mark));
    }

    /** d1..d3: one thread, SELECT → (publish, await) → mark, like OutboxRelay. */
    private long sequential(BenchHost host, String module, long[] split) throws Exception {
        int batch = BenchEnv.SETTINGS.batchSize();
        long moved = 0;
        while (true) {
            long t0 = System.nanoTime();
            List<OutboxRow> rows = host.inTransaction((c, d) -> variant == Variant.DB_AS_IS
                    ? BusTables.pendingOutbox(c, module, batch, Instant.now()) : selectIndexOrder(c, module, batch));
            split[0] += System.nanoTime() - t0;
            if (rows.isEmpty()) {
                return moved;
            }
            split[2]++;
            if (variant.kafka()) {
                awaitAll(publishAll(rows));
            }
            List<Long> seqs = rows.stream().map(OutboxRow::seq).toList();
            long t1 = System.nanoTime();
            host.inTransaction((c, d) -> {
                if (variant.delete()) {
                    deleteOneStatement(c, seqs);
                } else {
                    BusTables.markSent(c, seqs, Instant.now());
                }
                return null;
            });
            split[1] += System.nanoTime() - t1;
            moved += rows.size();
        }
    }

    /** d4: batch k's confirms are awaited and it is marked on a second thread while batch k+1 goes out. */
    private long pipelined(BenchHost host, String module, long[] split) throws Exception {
        int batch = BenchEnv.SETTINGS.batchSize();
        ExecutorService marker = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-diag-marker"));
        try {
            long after = -1;
            long moved = 0;
            Future<?> behind = CompletableFuture.completedFuture(null);
            long[] markNanos = new long[1];
            while (true) {
                long t0 = System.nanoTime();
                long last = after;
                List<OutboxRow> rows = host.inTransaction((c, d) -> selectAfter(c, module, last, batch));
                split[0] += System.nanoTime() - t0;
                if (rows.isEmpty()) {
                    behind.get(60, TimeUnit.SECONDS);
                    split[1] = markNanos[0];
                    return moved;
                }
                split[2]++;
                List<CompletableFuture<Void>> confirms = publishAll(rows);
                after = rows.get(rows.size() - 1).seq();
                List<Long> seqs = rows.stream().map(OutboxRow::seq).toList();
                behind.get(60, TimeUnit.SECONDS); // at most one batch behind
                behind = marker.submit(() -> {
                    awaitAll(confirms);
                    long t1 = System.nanoTime();
                    host.inTransaction((c, d) -> {
                        if (variant.delete()) {
                            deleteOneStatement(c, seqs);
                        } else {
                            BusTables.markSent(c, seqs, Instant.now());
                        }
                        return null;
                    });
                    markNanos[0] += System.nanoTime() - t1;
                    return null;
                });
                moved += rows.size();
            }
        } finally {
            marker.shutdownNow();
        }
    }

    private List<CompletableFuture<Void>> publishAll(List<OutboxRow> rows) {
        List<CompletableFuture<Void>> confirms = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            confirms.add(transport.publish(row.envelope()));
        }
        return confirms;
    }

    private void awaitAll(List<CompletableFuture<Void>> confirms) throws Exception {
        for (CompletableFuture<Void> f : confirms) {
            try {
                f.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new BenchmarkFailure(id + ": a publish was not confirmed: " + e, e);
            }
        }
    }

    /** The prototyped alternative to marking: the confirmed rows deleted in one statement. */
    static void deleteOneStatement(Connection c, List<Long> seqs) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM coordination_outbox WHERE seq = ANY(?)")) {
            delete.setArray(1, c.createArrayOf("bigint", seqs.toArray(Long[]::new)));
            int deleted = delete.executeUpdate();
            check(deleted == seqs.size(), "deleted " + deleted + " of " + seqs.size() + " rows");
        }
    }

    private static List<OutboxRow> selectIndexOrder(Connection c, String module, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT_INDEX_ORDER)) {
            select.setString(1, module);
            select.setTimestamp(2, Timestamp.from(Instant.now()));
            select.setInt(3, limit);
            return read(select);
        }
    }

    private static List<OutboxRow> selectAfter(Connection c, String module, long after, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT_AFTER)) {
            select.setString(1, module);
            select.setTimestamp(2, Timestamp.from(Instant.now()));
            select.setLong(3, after);
            select.setInt(4, limit);
            return read(select);
        }
    }

    private static List<OutboxRow> read(PreparedStatement select) throws SQLException {
        List<OutboxRow> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new OutboxRow(rs.getLong(1), new Envelope(rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Instant.parse(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9))));
            }
        }
        return rows;
    }
}
