package io.tradecoord.benchmarks.bus;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The measuring rules of the bus benchmark, the same as the lock benchmark's harness: every case gets a warm-up,
 * then timed rounds; the rounds of the cases of one group are interleaved (round r of every case, the order
 * rotated by one each round), so slow drift of a shared machine lands on all cases alike and a ratio can be taken
 * per round. A timed round starts only when the rest of the machine is quiet and is run again if other work
 * disturbed it. Any exception or failed check aborts the whole run.
 */
final class Rounds {

    private Rounds() {
    }

    /** A failed operation or check: the run stops with this message. */
    static final class BenchmarkFailure extends RuntimeException {
        BenchmarkFailure(String message) {
            super(message);
        }

        BenchmarkFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new BenchmarkFailure(message);
        }
    }

    /** What one round produced. */
    static final class Round {
        long ops;
        long elapsedNanos;
        Histogram latency = new Histogram(3);
        double foreignPercent;
        /** Shown on the progress line, e.g. the writers' rate of a relay round. */
        String remark = "";
    }

    /** One measured thing: runs one round at a time; keeps the figures of the timed rounds. */
    abstract static class Case {
        final String id;
        final String label;
        final String unit;
        final String latencyMeasured;
        final List<Double> rates = new ArrayList<>();
        final List<Double> foreignPercents = new ArrayList<>();
        final List<Round> timedRounds = new ArrayList<>();
        final Histogram latency = new Histogram(3);
        long timedOps;
        long warmupOps;
        int repeatedRounds;

        Case(String id, String label, String unit, String latencyMeasured) {
            this.id = id;
            this.label = label;
            this.unit = unit;
            this.latencyMeasured = latencyMeasured;
        }

        /** One round; {@code warmup} rounds may be shorter. Every check applies whether it counts or not. */
        abstract Round runRound(boolean warmup) throws Exception;

        /** Whether this case has a warm-up round at all. */
        boolean warmsUp() {
            return true;
        }

        double medianRate() {
            return median(rates);
        }

        double minRate() {
            return rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        double maxRate() {
            return rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        void commit(Round round, boolean timed, String kind, String remark) {
            double seconds = round.elapsedNanos / 1e9;
            if (timed) {
                rates.add(round.ops / seconds);
                foreignPercents.add(round.foreignPercent);
                timedOps += round.ops;
                latency.add(round.latency);
                timedRounds.add(round);
            } else {
                warmupOps += round.ops;
            }
            System.err.printf("  %-52s %s %,10.0f %s/s  other load %3.0f%%%s%s%n", id + " " + shortLabel(), kind,
                    round.ops / seconds, unit, round.foreignPercent, round.remark.isEmpty() ? "" : "  " + round.remark, remark);
        }

        private String shortLabel() {
            return label.length() > 50 ? label.substring(0, 50) : label;
        }
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Warm-up of every case, then {@code rounds} timed rounds interleaved (order rotated each round). */
    static void runGroup(String title, List<? extends Case> cases, int rounds, BusOptions options, OtherLoad load) throws Exception {
        System.err.println("== " + title);
        for (Case c : cases) {
            if (!c.warmsUp()) {
                continue;
            }
            load.mark();
            Round warm = c.runRound(true);
            warm.foreignPercent = load.foreignPercentSinceMark();
            c.commit(warm, false, "warmup", "");
        }
        int n = cases.size();
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                Case c = cases.get((k + r) % n);
                for (int attempt = 0; ; attempt++) {
                    String waited = waitForQuiet(options, load);
                    load.mark();
                    Round round = c.runRound(false);
                    round.foreignPercent = load.foreignPercentSinceMark();
                    boolean disturbed = options.quietPercent > 0 && round.foreignPercent > options.quietPercent;
                    if (disturbed && attempt < options.repeats) {
                        c.repeatedRounds++;
                        c.commit(round, false, "extra ", waited + "  (disturbed: not counted, run again)");
                        continue;
                    }
                    c.commit(round, true, "round ", waited + (disturbed ? "  (disturbed, counted: repeats used up)" : ""));
                    break;
                }
            }
        }
    }

    static String waitForQuiet(BusOptions options, OtherLoad load) throws InterruptedException {
        if (options.quietPercent <= 0 || !load.available()) {
            return "";
        }
        long deadline = System.nanoTime() + (long) (options.quietWaitSeconds * 1e9);
        long started = System.nanoTime();
        double seen;
        while ((seen = load.sample(500)) > options.quietPercent) {
            if (System.nanoTime() > deadline) {
                return String.format("  (not quiet after %.0f s: %.0f%%)", options.quietWaitSeconds, seen);
            }
        }
        double waitedSeconds = (System.nanoTime() - started) / 1e9;
        return waitedSeconds > 1 ? String.format("  (waited %.0f s for quiet)", waitedSeconds) : "";
    }
}
