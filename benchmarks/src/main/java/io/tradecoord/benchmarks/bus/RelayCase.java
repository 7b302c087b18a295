package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.Rounds.Case;
import io.tradecoord.benchmarks.Rounds.Round;
import io.tradecoord.coordination.bus.core.EventBus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Case 3: the outbox relay, from commit to broker confirm. Each round is a new producer module (its own outbox
 * rows) whose events go to one topic of the run.
 * <ul>
 * <li>live: the module joins the bus (its relay starts, idle), then {@code --writers} threads write N events in
 * transactions of {@code --tx} and call {@code bus.committed(module)} after each commit; time = from the end of the
 * first commit until the relay's transaction that deletes the last confirmed row committed.</li>
 * <li>drain: the same N events are written first, before the module joins; time = from the relay's first
 * transaction until the last row is deleted: what the relay alone can move.</li>
 * </ul>
 * Checks per round: no row left in the module's outbox (the relay deletes a row once the broker confirmed it), and
 * the broker's count grew by exactly N (a row published twice would make it grow by more).
 */
final class RelayCase extends Case {

    enum Mode { LIVE, DRAIN }

    /** The broker side of a relay case: what it holds, and emptying it after a round. */
    interface Broker {
        long count(long expected) throws Exception;

        default void afterRound() throws Exception {
        }
    }

    private final BenchEnv env;
    private final EventBus bus;
    private final String backend;
    private final String topic;
    private final Mode mode;
    private final Broker broker;
    private int roundNo;
    /** Per timed round: relay time in its SELECT transactions, in its delete transactions, elapsed, relay batches. */
    final List<double[]> breakdowns = new ArrayList<>();
    final List<Double> writerRates = new ArrayList<>();
    /** Live rounds: from the writers' last commit until the relay's delete of the last row, ms. */
    final List<Double> tails = new ArrayList<>();

    RelayCase(BenchEnv env, String id, EventBus bus, String backend, String topic, Mode mode, Broker broker) {
        super(id, "relay " + backend + ", " + (mode == Mode.LIVE ? "live: " + env.options.writers
                + " writer(s) committing meanwhile" : "drain: a backlog written before the relay starts"), "events",
                mode == Mode.LIVE ? "first commit → last row deleted" : "first relay tx → last row deleted");
        this.env = env;
        this.bus = bus;
        this.backend = backend;
        this.topic = topic;
        this.mode = mode;
        this.broker = broker;
    }

    @Override
    public Round runRound(boolean warmup) throws Exception {
        int n = warmup ? env.options.relayWarmupEvents : env.options.relayEvents;
        String module = env.prefix + "-relay-" + backend + "-" + mode.name().toLowerCase(Locale.ROOT) + "-" + (++roundNo);
        BenchHost host = env.host(module, Map.of());
        try {
            long before = broker.count(-1);
            Round round = new Round();
            long elapsed;
            if (mode == Mode.LIVE) {
                bus.join(host);
                host.resetRelayAccounting();
                startProbes(); // the writers' work counts too: they run at the same time
                AtomicLong firstCommit = new AtomicLong();
                AtomicLong lastCommit = new AtomicLong();
                long writeNanos = write(host, module, n, true, firstCommit, lastCommit);
                long end = awaitMarked(host, n, module);
                stopProbes(round);
                elapsed = end - firstCommit.get();
                double writerRate = n / (writeNanos / 1e9);
                double tailMs = (end - lastCommit.get()) / 1e6;
                round.remark = String.format(Locale.ROOT, "writers %,.0f/s, last commit → last row deleted %.0f ms", writerRate, tailMs);
                if (!warmup) {
                    writerRates.add(writerRate);
                    tails.add(tailMs);
                }
            } else {
                long writeNanos = write(host, module, n, false, null, null);
                System.gc(); // the writers' garbage is theirs: collect it before the relay's measured part, as JMH's -gc does
                env.checkpoint(); // and so are the pages they dirtied
                host.resetRelayAccounting();
                startProbes();
                long joinAt = System.nanoTime();
                bus.join(host);
                long end = awaitMarked(host, n, module);
                stopProbes(round);
                long firstRelayTx = host.firstRelayTxNanos();
                elapsed = end - (firstRelayTx > 0 ? firstRelayTx : joinAt);
                round.remark = String.format(Locale.ROOT, "backlog written at %,.0f/s", n / (writeNanos / 1e9));
            }
            double selectMs = host.selectNanos.get() / 1e6;
            double markMs = host.markNanos.get() / 1e6;
            long relayRounds = host.relayRoundsStarted.get();
            round.remark += String.format(Locale.ROOT, "; relay: %d batches, %.0f rows/batch, SELECT %.0f ms, delete %.0f ms (settler thread) of %.0f ms",
                    relayRounds, relayRounds == 0 ? 0.0 : (double) n / relayRounds, selectMs, markMs, elapsed / 1e6);
            bus.leave(module);
            // checks: every row confirmed and deleted, the broker got exactly n (a second publish would show there)
            long left = env.outboxRows(module);
            check(left == 0, id + " " + module + ": " + left + " rows left in the outbox");
            long after = broker.count(before + n);
            check(after - before == n, id + " " + module + ": " + n + " events relayed but the broker count grew by " + (after - before));
            broker.afterRound();
            env.afterRelayRound();
            if (!warmup) {
                breakdowns.add(new double[] {selectMs, markMs, elapsed / 1e6, relayRounds});
            }
            round.ops = n;
            round.elapsedNanos = elapsed;
            return round;
        } finally {
            bus.leave(module);
            host.close();
        }
    }

    private long write(BenchHost host, String module, int n, boolean nudge, AtomicLong firstCommit, AtomicLong lastCommit)
            throws Exception {
        try {
            return env.write(host, topic, n, nudge ? () -> {
                long now = System.nanoTime();
                firstCommit.compareAndSet(0, now);
                lastCommit.accumulateAndGet(now, Math::max);
                bus.committed(module);
            } : () -> { });
        } catch (BenchmarkFailure e) {
            throw new BenchmarkFailure(id + " " + e.getMessage(), e.getCause());
        }
    }

    private long awaitMarked(BenchHost host, int n, String module) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (host.markedRows.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure(id + " " + module + ": only " + host.markedRows.get() + " of " + n
                        + " rows deleted after 120 s (unsent in the table: " + env.unsent(module) + ")");
            }
            Thread.sleep(1);
        }
        return host.lastMarkedAtNanos;
    }

    /**
     * Median share of the round's time the relay thread spent in its SELECT transactions and the settler thread in
     * its delete transactions (timed rounds); they overlap, so the two may add up to more than 100 %.
     */
    String breakdown() {
        List<Double> select = new ArrayList<>();
        List<Double> mark = new ArrayList<>();
        List<Double> rows = new ArrayList<>();
        for (double[] b : breakdowns) {
            select.add(b[0] / b[2] * 100);
            mark.add(b[1] / b[2] * 100);
            rows.add(b[3] == 0 ? 0 : timedOps / (double) timedRounds.size() / b[3]);
        }
        return String.format(Locale.ROOT, "%.0f%% / %.0f%% (%.0f rows per batch)", Rounds.median(select),
                Rounds.median(mark), Rounds.median(rows));
    }

    String writerRate() {
        return writerRates.isEmpty() ? "-" : String.format(Locale.ROOT, "%,.0f", Rounds.median(writerRates));
    }

    /** Median of relay rate / writers' rate per live round, and of the tail after the last commit. */
    String keepingUp() {
        if (writerRates.isEmpty()) {
            return "-";
        }
        List<Double> shares = new ArrayList<>();
        for (int i = 0; i < Math.min(rates.size(), writerRates.size()); i++) {
            shares.add(rates.get(i) / writerRates.get(i));
        }
        return String.format(Locale.ROOT, "%.2f; %.0f ms", Rounds.median(shares), Rounds.median(tails));
    }
}
