package io.tradecoord.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A plain measuring harness: every case gets a warm-up, then timed rounds; the rounds of the cases of one group are
 * interleaved (round r of every case, the order rotated by one each round), so slow drift of a shared machine
 * lands on all cases alike and a ratio can also be taken per round. Each timed operation is recorded in an
 * HdrHistogram (nanoseconds, 3 significant digits). Any exception or failed check aborts the whole run.
 */
final class Harness {

    private Harness() {
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

    /** What one round produced; committed into the case's figures only if it counts. */
    static final class Round {
        long ops;
        long handoffs;
        long elapsedNanos;
        final Histogram latency = new Histogram(3);
        double[] probeGrowth = new double[0];
        double foreignPercent;
    }

    /** One measured thing. Subclasses run one round; the base keeps the figures of the timed rounds. */
    abstract static class Case {
        final String id;
        final String label;
        final String latencyMeasured;
        final List<Double> rates = new ArrayList<>();
        final List<Double> handoffRates = new ArrayList<>();
        final List<Double> foreignPercents = new ArrayList<>();
        final Histogram latency = new Histogram(3);
        long timedOps;
        long timedHandoffs;
        long warmupOps;
        int repeatedRounds;
        /** Cumulative counters read before and after every round (CPU time, context switches). */
        final List<Probe> probes = new ArrayList<>();
        private double[] probeTotals = new double[0];
        private double[] probeStart = new double[0];

        Case(String id, String label, String latencyMeasured) {
            this.id = id;
            this.label = label;
            this.latencyMeasured = latencyMeasured;
        }

        /** Runs one round of about {@code seconds}; every check inside it applies whether it counts or not. */
        abstract Round runRound(double seconds) throws Exception;

        /** A cheap check after the case's last round (e.g. no lock key left behind). */
        void verifyEnd() throws Exception {
        }

        boolean hasHandoffs() {
            return false;
        }

        double medianRate() {
            return median(rates);
        }

        double medianHandoffRate() {
            return median(handoffRates);
        }

        Case probe(List<Probe> toAdd) {
            probes.addAll(toAdd);
            return this;
        }

        /** Per timed operation: the growth of probe {@code i} over all timed rounds divided by the timed ops. */
        double probePerOp(int i) {
            return timedOps == 0 || probeTotals.length <= i ? Double.NaN : probeTotals[i] / timedOps;
        }

        void startProbes() {
            probeStart = new double[probes.size()];
            for (int i = 0; i < probes.size(); i++) {
                probeStart[i] = probes.get(i).read();
            }
        }

        void stopProbes(Round round) {
            round.probeGrowth = new double[probes.size()];
            for (int i = 0; i < probes.size(); i++) {
                round.probeGrowth[i] = probes.get(i).read() - probeStart[i];
            }
        }

        /** Adds a round to the figures ({@code timed}) or only to the warm-up count. */
        void commit(Round round, boolean timed, String remark) {
            commit(round, timed, timed ? "round " : "warmup", remark);
        }

        void commit(Round round, boolean timed, String kind, String remark) {
            double seconds = round.elapsedNanos / 1e9;
            if (timed) {
                rates.add(round.ops / seconds);
                handoffRates.add(round.handoffs / seconds);
                foreignPercents.add(round.foreignPercent);
                timedOps += round.ops;
                timedHandoffs += round.handoffs;
                latency.add(round.latency);
                if (probeTotals.length != round.probeGrowth.length) {
                    probeTotals = new double[round.probeGrowth.length];
                }
                for (int i = 0; i < probeTotals.length; i++) {
                    probeTotals[i] += round.probeGrowth[i];
                }
            } else {
                warmupOps += round.ops;
            }
            System.err.printf("  %-58s %s %,10.0f ops/s%s  other load %3.0f%%%s%n", id + " " + shortLabel(),
                    kind, round.ops / seconds,
                    hasHandoffs() ? String.format("  %,8.0f hand-offs/s", round.handoffs / seconds) : "",
                    round.foreignPercent, remark);
        }

        private String shortLabel() {
            return label.length() > 50 ? label.substring(0, 50) : label;
        }
    }

    /** A cumulative counter, e.g. CPU microseconds of a process. */
    interface Probe {
        String name();

        double read();
    }

    /** One operation after another on the calling thread; latency = one whole operation. */
    interface Op {
        void run() throws Exception;
    }

    static final class SingleThreadCase extends Case {
        private final Op op;

        SingleThreadCase(String id, String label, String latencyMeasured, Op op) {
            super(id, label, latencyMeasured);
            this.op = op;
        }

        @Override
        Round runRound(double seconds) throws Exception {
            Round round = new Round();
            startProbes();
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long ops = 0;
            long before = start;
            long after;
            do {
                try {
                    op.run();
                } catch (BenchmarkFailure e) {
                    throw e;
                } catch (Exception | Error e) {
                    throw new BenchmarkFailure(id + " " + label + ": operation " + (ops + 1) + " failed: " + e, e);
                }
                after = System.nanoTime();
                round.latency.recordValue(after - before);
                before = after;
                ops++;
            } while (after < end);
            round.ops = ops;
            round.elapsedNanos = after - start;
            stopProbes(round);
            return round;
        }
    }

    /** One contender of a contended case: one thread's view of the lock. */
    interface Contender {
        /** Blocks until the lock is held; returns its fencing token, or {@link #NO_TOKEN}. */
        long acquire() throws Exception;

        void release() throws Exception;

        /** Called on the contender's thread when its round ends. */
        default void close() throws Exception {
        }
    }

    static final long NO_TOKEN = Long.MIN_VALUE;

    interface ContenderFactory {
        Contender create(int threadIndex) throws Exception;
    }

    /**
     * N threads, ONE lock: each iteration acquires, increments a plain shared long and notes the owner (both only
     * inside the lock), checks the fencing token grew, releases. At the end of every round the counter must equal
     * the sum of the threads' own acquisition counts: a lost update means two holders at once. Latency = the wait
     * inside acquire. A hand-off is an acquisition by a different thread than the previous one.
     */
    static final class ContendedCase extends Case {
        private final int threads;
        private final ContenderFactory factory;
        // guarded by the distributed lock under test, deliberately plain fields
        private long counter;
        private int lastOwner;
        private long handoffs;
        private long lastToken;
        private long tokenChecks;

        ContendedCase(String id, String label, int threads, ContenderFactory factory) {
            super(id, label, "wait");
            this.threads = threads;
            this.factory = factory;
        }

        @Override
        boolean hasHandoffs() {
            return true;
        }

        @Override
        Round runRound(double seconds) throws Exception {
            counter = 0;
            handoffs = 0;
            lastOwner = -1;
            long[] own = new long[threads];
            Histogram[] waits = new Histogram[threads];
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[1];
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int me = i;
                waits[i] = new Histogram(3);
                Thread t = new Thread(() -> {
                    Contender contender = null;
                    try {
                        contender = factory.create(me);
                        ready.countDown();
                        go.await();
                        long end = window[0];
                        while (failure.get() == null && System.nanoTime() < end) {
                            long t0 = System.nanoTime();
                            long token = contender.acquire();
                            waits[me].recordValue(System.nanoTime() - t0);
                            try {
                                counter++;
                                if (lastOwner != me) {
                                    if (lastOwner != -1) {
                                        handoffs++;
                                    }
                                    lastOwner = me;
                                }
                                if (token != NO_TOKEN) {
                                    if (token <= lastToken) {
                                        throw new BenchmarkFailure(id + " " + label + ": fencing token " + token
                                                + " after " + lastToken + " (thread " + me + ")");
                                    }
                                    lastToken = token;
                                    tokenChecks++;
                                }
                            } finally {
                                contender.release();
                            }
                            own[me]++;
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        ready.countDown();
                    } finally {
                        if (contender != null) {
                            try {
                                contender.close();
                            } catch (Exception e) {
                                failure.compareAndSet(null, e);
                            }
                        }
                    }
                }, "bench-" + id + "-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
            ready.await();
            startProbes();
            long start = System.nanoTime();
            window[0] = start + (long) (seconds * 1e9);
            go.countDown();
            for (Thread t : workers) {
                t.join(TimeUnit.SECONDS.toMillis(120) + (long) (seconds * 1000));
                if (t.isAlive()) {
                    failure.compareAndSet(null, new BenchmarkFailure(id + " " + label + ": thread " + t.getName()
                            + " still running 120 s after the round ended (a lock never granted?)"));
                }
            }
            long elapsed = System.nanoTime() - start;
            Throwable failed = failure.get();
            if (failed != null) {
                throw failed instanceof BenchmarkFailure bf ? bf
                        : new BenchmarkFailure(id + " " + label + ": a contender failed: " + failed, failed);
            }
            long sum = Arrays.stream(own).sum();
            check(counter == sum, id + " " + label + ": counter " + counter + " != " + sum
                    + " acquisitions: two threads were inside the lock at once");
            Round round = new Round();
            for (Histogram h : waits) {
                round.latency.add(h);
            }
            round.ops = sum;
            round.handoffs = handoffs;
            round.elapsedNanos = elapsed;
            stopProbes(round);
            return round;
        }

        long tokenChecks() {
            return tokenChecks;
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

    /**
     * Warm-up of every case, then the timed rounds interleaved (order rotated each round), then the end checks.
     * A timed round starts only once other processes have used less than {@code --quiet} percent of one core for
     * half a second (waiting at most {@code --quiet-wait} seconds), and a round during which they used more is
     * run again, at most {@code --repeats} times; the last attempt counts whatever it saw.
     */
    static void runGroup(String title, List<? extends Case> cases, Options options, MachineLoad load) throws Exception {
        System.err.println("== " + title);
        for (Case c : cases) {
            load.mark();
            Round warm = c.runRound(options.warmupSeconds);
            warm.foreignPercent = load.foreignPercentSinceMark();
            c.commit(warm, false, "");
        }
        int n = cases.size();
        for (int r = 0; r < options.rounds; r++) {
            for (int k = 0; k < n; k++) {
                Case c = cases.get((k + r) % n);
                for (int attempt = 0; ; attempt++) {
                    String waited = waitForQuiet(options, load);
                    load.mark();
                    Round round = c.runRound(options.roundSeconds);
                    round.foreignPercent = load.foreignPercentSinceMark();
                    boolean disturbed = options.quietPercent > 0 && round.foreignPercent > options.quietPercent;
                    if (disturbed && attempt < options.repeats) {
                        c.repeatedRounds++;
                        c.commit(round, false, "extra ", waited + "  (disturbed: not counted, run again)");
                        continue;
                    }
                    c.commit(round, true, waited + (disturbed ? "  (disturbed, counted: repeats used up)" : ""));
                    break;
                }
            }
        }
        for (Case c : cases) {
            c.verifyEnd();
        }
    }

    private static String waitForQuiet(Options options, MachineLoad load) throws InterruptedException {
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
