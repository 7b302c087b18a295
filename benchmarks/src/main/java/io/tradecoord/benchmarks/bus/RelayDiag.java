package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.Rounds.Case;
import io.tradecoord.benchmarks.Rounds.Round;
import io.tradecoord.coordination.bus.core.BusTables;
import io.tradecoord.coordination.bus.core.BusTables.OutboxRow;
import io.tradecoord.coordination.bus.spi.BusTransport;
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
 * Diagnostics of the relay (--diag): where its time goes, measured the same way as case 3's drain variant (a
 * backlog of N rows written first, then drained), with loops in the benchmark that use the bus's own
 * {@link BusTables} statements (the SELECT in index order with a {@code seq >} cursor, the one-statement DELETE):
 * <ul>
 * <li>d1: the relay's two transactions only, one after the other, no broker: the database ceiling of one thread.</li>
 * <li>d2: d1 pipelined as the relay is (SELECT on one thread, DELETE of the batch before on a second one, at most one
 * batch behind), no broker: the database ceiling of the relay's shape.</li>
 * <li>d3: the relay loop on Kafka NOT pipelined: SELECT, publish the batch, await every confirm, DELETE, next: what
 * the pipelining of {@code OutboxRelay} gains (d0 / d3).</li>
 * </ul>
 */
final class RelayDiag extends Case {

    enum Variant {
        DB_SEQUENTIAL, DB_PIPELINED, KAFKA_SEQUENTIAL;

        boolean kafka() {
            return this == KAFKA_SEQUENTIAL;
        }
    }

    private final BenchEnv env;
    private final Variant variant;
    private final BusTransport transport;
    private final String topic;
    private final RelayCase.Broker broker;
    private int roundNo;
    final List<double[]> splits = new ArrayList<>();

    RelayDiag(BenchEnv env, String id, String label, Variant variant, BusTransport transport, String topic, RelayCase.Broker broker) {
        super(id, label, "rows", "first SELECT → last delete committed");
        this.env = env;
        this.variant = variant;
        this.transport = transport;
        this.topic = topic;
        this.broker = broker;
    }

    @Override
    public Round runRound(boolean warmup) throws Exception {
        int n = warmup ? env.options.relayWarmupEvents : env.options.relayEvents;
        String module = env.prefix + "-diag-" + id + "-" + (++roundNo);
        BenchHost host = env.host(module, Map.of());
        try {
            env.write(host, topic, n, () -> { });
            long before = broker == null ? 0 : broker.count(-1);
            long[] split = new long[3]; // select, delete, batches
            Round round = new Round();
            startProbes();
            long start = System.nanoTime();
            long moved = variant == Variant.DB_PIPELINED ? pipelined(host, module, split) : sequential(host, module, split);
            long elapsed = System.nanoTime() - start;
            stopProbes(round);
            check(moved == n, id + ": moved " + moved + " of " + n + " rows");
            long left = env.outboxRows(module);
            check(left == 0, id + ": " + left + " rows left in the outbox");
            if (broker != null) {
                long after = broker.count(before + n);
                check(after - before == n, id + ": broker count grew by " + (after - before) + ", not " + n);
                broker.afterRound();
            }
            env.afterRelayRound();
            round.ops = n;
            round.elapsedNanos = elapsed;
            round.remark = String.format(Locale.ROOT, "%d batches, SELECT %.0f ms + delete %.0f ms of %.0f ms", split[2],
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
        List<Double> delete = new ArrayList<>();
        for (double[] s : splits) {
            select.add(s[0] / s[2] * 100);
            delete.add(s[1] / s[2] * 100);
        }
        return String.format(Locale.ROOT, "%.0f%% / %.0f%%", Rounds.median(select), Rounds.median(delete));
    }

    /** d1, d3: one thread, SELECT → (publish, await) → DELETE. */
    private long sequential(BenchHost host, String module, long[] split) throws Exception {
        int batch = env.settings.batchSize();
        long moved = 0;
        long after = Long.MIN_VALUE;
        while (true) {
            long t0 = System.nanoTime();
            long from = after;
            List<OutboxRow> rows = host.inTransaction((c, d) -> BusTables.pendingOutbox(c, module, from, batch, Instant.now()));
            split[0] += System.nanoTime() - t0;
            if (rows.isEmpty()) {
                return moved;
            }
            split[2]++;
            if (variant.kafka()) {
                awaitAll(publishAll(rows));
            }
            long t1 = System.nanoTime();
            delete(host, rows);
            split[1] += System.nanoTime() - t1;
            moved += rows.size();
            after = rows.get(rows.size() - 1).seq();
        }
    }

    /** d2: the DELETE of batch k on a second thread while batch k+1 is selected; at most one batch behind. */
    private long pipelined(BenchHost host, String module, long[] split) throws Exception {
        int batch = env.settings.batchSize();
        ExecutorService deleter = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-diag-deleter"));
        try {
            long after = Long.MIN_VALUE;
            long moved = 0;
            Future<?> behind = CompletableFuture.completedFuture(null);
            long[] deleteNanos = new long[1];
            while (true) {
                long t0 = System.nanoTime();
                long from = after;
                List<OutboxRow> rows = host.inTransaction((c, d) -> BusTables.pendingOutbox(c, module, from, batch, Instant.now()));
                split[0] += System.nanoTime() - t0;
                behind.get(60, TimeUnit.SECONDS);
                if (rows.isEmpty()) {
                    split[1] = deleteNanos[0];
                    return moved;
                }
                split[2]++;
                after = rows.get(rows.size() - 1).seq();
                behind = deleter.submit(() -> {
                    long t1 = System.nanoTime();
                    delete(host, rows);
                    deleteNanos[0] += System.nanoTime() - t1;
                    return null;
                });
                moved += rows.size();
            }
        } finally {
            deleter.shutdownNow();
        }
    }

    private void delete(BenchHost host, List<OutboxRow> rows) throws Exception {
        List<Long> seqs = rows.stream().map(OutboxRow::seq).toList();
        int deleted = host.inTransaction((c, d) -> BusTables.deleteSent(c, seqs));
        check(deleted == seqs.size(), id + ": deleted " + deleted + " of " + seqs.size() + " rows");
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
}
