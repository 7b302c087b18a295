package io.tradecoord.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The measuring rules both benchmarks (locks and bus) share. Every case gets a warm-up, then timed rounds; the
 * rounds of the cases of one group are interleaved (round r of every case, the order rotated by one each round), so
 * slow drift of a shared machine lands on all cases alike and a ratio can also be taken per round. A timed round
 * starts only when the rest of the machine is quiet ({@link MachineLoad}) and is run again if other work disturbed
 * it. Optional probes (cumulative counters such as CPU time) are read around the measured part of every round. Any
 * exception or failed check aborts the whole run.
 */
public final class Rounds {

    private Rounds() {
    }

    /** A failed operation or check: the run stops with this message. */
    public static final class BenchmarkFailure extends RuntimeException {
        public BenchmarkFailure(String message) {
            super(message);
        }

        public BenchmarkFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static void check(boolean condition, String message) {
        if (!condition) {
            throw new BenchmarkFailure(message);
        }
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The quiet gate's rules, from the command line. */
    public interface QuietRules {
        /** Start a round only when other processes used less than this percent of one core (0 = no gate). */
        double quietPercent();

        /** The longest wait for quiet before a round. */
        double quietWaitSeconds();

        /** How often a disturbed round is run again at most. */
        int repeats();
    }

    /** A cumulative counter, e.g. CPU microseconds of a process. */
    public interface Probe {
        String name();

        double read();
    }

    /** What one round produced; committed into the case's figures only if it counts. */
    public static final class Round {
        public long ops;
        public long handoffs;
        public long elapsedNanos;
        public final Histogram latency = new Histogram(3);
        public double[] probeGrowth = new double[0];
        public double foreignPercent;
        /** Shown on the progress line, e.g. the writers' rate of a relay round. */
        public String remark = "";
    }

    /** One measured thing: runs one round at a time; the base keeps the figures of the timed rounds. */
    public abstract static class Case {
        public final String id;
        public final String label;
        public final String unit;
        public final String latencyMeasured;
        public final List<Double> rates = new ArrayList<>();
        public final List<Double> handoffRates = new ArrayList<>();
        public final List<Double> foreignPercents = new ArrayList<>();
        public final List<Round> timedRounds = new ArrayList<>();
        public final Histogram latency = new Histogram(3);
        public long timedOps;
        public long timedHandoffs;
        public long warmupOps;
        public int repeatedRounds;
        /** Cumulative counters read around the measured part of every round (CPU time, context switches). */
        public final List<Probe> probes = new ArrayList<>();
        private double[] probeTotals = new double[0];
        private double[] probeStart = new double[0];

        protected Case(String id, String label, String unit, String latencyMeasured) {
            this.id = id;
            this.label = label;
            this.unit = unit;
            this.latencyMeasured = latencyMeasured;
        }

        /** One round; {@code warmup} rounds may be shorter. Every check applies whether the round counts or not. */
        public abstract Round runRound(boolean warmup) throws Exception;

        /** Whether this case has a warm-up round at all. */
        public boolean warmsUp() {
            return true;
        }

        /** A cheap check after the case's last round (e.g. nothing left behind). */
        public void verifyEnd() throws Exception {
        }

        public boolean hasHandoffs() {
            return false;
        }

        public double medianRate() {
            return median(rates);
        }

        public double minRate() {
            return rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        public double maxRate() {
            return rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        }

        public double medianHandoffRate() {
            return median(handoffRates);
        }

        public Case probe(List<Probe> toAdd) {
            probes.addAll(toAdd);
            return this;
        }

        /** Per timed op: the growth of probe {@code i} over all timed rounds divided by the timed ops. */
        public double probePerOp(int i) {
            return timedOps == 0 || probeTotals.length <= i ? Double.NaN : probeTotals[i] / timedOps;
        }

        /** Called by a round where its measured part starts... */
        protected void startProbes() {
            probeStart = new double[probes.size()];
            for (int i = 0; i < probes.size(); i++) {
                probeStart[i] = probes.get(i).read();
            }
        }

        /** ... and where it ends. */
        protected void stopProbes(Round round) {
            round.probeGrowth = new double[probes.size()];
            for (int i = 0; i < probes.size(); i++) {
                round.probeGrowth[i] = probes.get(i).read() - probeStart[i];
            }
        }

        /** Adds a round to the figures ({@code timed}) or only to the warm-up count, and prints a progress line. */
        public void commit(Round round, boolean timed, String kind, String remark) {
            double seconds = round.elapsedNanos / 1e9;
            if (timed) {
                rates.add(round.ops / seconds);
                handoffRates.add(round.handoffs / seconds);
                foreignPercents.add(round.foreignPercent);
                timedOps += round.ops;
                timedHandoffs += round.handoffs;
                latency.add(round.latency);
                timedRounds.add(round);
                if (probeTotals.length != round.probeGrowth.length) {
                    probeTotals = new double[round.probeGrowth.length];
                }
                for (int i = 0; i < probeTotals.length; i++) {
                    probeTotals[i] += round.probeGrowth[i];
                }
            } else {
                warmupOps += round.ops;
            }
            System.err.printf("  %-52s %s %,10.0f %s/s%s  other load %3.0f%%%s%s%n", id + " " + shortLabel(), kind,
                    round.ops / seconds, unit, hasHandoffs() ? String.format("  %,8.0f hand-offs/s", round.handoffs / seconds) : "",
                    round.foreignPercent, round.remark.isEmpty() ? "" : "  " + round.remark, remark);
        }

        private String shortLabel() {
            return label.length() > 50 ? label.substring(0, 50) : label;
        }
    }

    /**
     * Warm-up of every case, then {@code rounds} timed rounds interleaved (order rotated each round), then the end
     * checks. A timed round starts only once other processes have used less than the gate's percent of one core for
     * half a second (waiting at most its wait), and a round during which they used more is run again, at most its
     * repeats; the last attempt counts whatever it saw.
     */
    public static void runGroup(String title, List<? extends Case> cases, int rounds, QuietRules rules, MachineLoad load)
            throws Exception {
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
                    String waited = waitForQuiet(rules, load);
                    load.mark();
                    Round round = c.runRound(false);
                    round.foreignPercent = load.foreignPercentSinceMark();
                    boolean disturbed = rules.quietPercent() > 0 && round.foreignPercent > rules.quietPercent();
                    if (disturbed && attempt < rules.repeats()) {
                        c.repeatedRounds++;
                        c.commit(round, false, "extra ", waited + "  (disturbed: not counted, run again)");
                        continue;
                    }
                    c.commit(round, true, "round ", waited + (disturbed ? "  (disturbed, counted: repeats used up)" : ""));
                    break;
                }
            }
        }
        for (Case c : cases) {
            c.verifyEnd();
        }
    }

    /** Waits until the machine is quiet by the rules (or the wait is up); says on the progress line how long. */
    public static String waitForQuiet(QuietRules rules, MachineLoad load) throws InterruptedException {
        if (rules.quietPercent() <= 0 || !load.available()) {
            return "";
        }
        long deadline = System.nanoTime() + (long) (rules.quietWaitSeconds() * 1e9);
        long started = System.nanoTime();
        double seen;
        while ((seen = load.sample(500)) > rules.quietPercent()) {
            if (System.nanoTime() > deadline) {
                return String.format("  (not quiet after %.0f s: %.0f%%)", rules.quietWaitSeconds(), seen);
            }
        }
        double waitedSeconds = (System.nanoTime() - started) / 1e9;
        return waitedSeconds > 1 ? String.format("  (waited %.0f s for quiet)", waitedSeconds) : "";
    }
}
