package io.tradecoord.benchmarks;

import static io.tradecoord.benchmarks.Rounds.check;

import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.Rounds.Case;
import io.tradecoord.benchmarks.Rounds.Round;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The lock benchmark's cases on top of the shared {@link Rounds}: a round runs for a fixed time (the warm-up's or a
 * timed round's), one thread doing one operation after another, or N threads contending for one lock. Each timed
 * operation is recorded in an HdrHistogram (nanoseconds, 3 significant digits).
 */
final class Harness {

    private Harness() {
    }

    /** A case whose rounds last a given time: {@link #runGroup} sets the warm-up's and a timed round's. */
    abstract static class TimedCase extends Case {
        private double warmupSeconds;
        private double roundSeconds;

        TimedCase(String id, String label, String latencyMeasured) {
            super(id, label, "ops", latencyMeasured);
        }

        @Override
        public final Round runRound(boolean warmup) throws Exception {
            return runRound(warmup ? warmupSeconds : roundSeconds);
        }

        /** Runs one round of about {@code seconds}; every check inside it applies whether it counts or not. */
        abstract Round runRound(double seconds) throws Exception;
    }

    /** {@link Rounds#runGroup} with the durations and rules of the lock benchmark's options. */
    static void runGroup(String title, List<? extends Case> cases, Options options, MachineLoad load) throws Exception {
        for (Case c : cases) {
            if (c instanceof TimedCase timed) {
                timed.warmupSeconds = options.warmupSeconds;
                timed.roundSeconds = options.roundSeconds;
            }
        }
        Rounds.runGroup(title, cases, options.rounds, options, load);
    }

    /** One operation after another on the calling thread; latency = one whole operation. */
    interface Op {
        void run() throws Exception;
    }

    static final class SingleThreadCase extends TimedCase {
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
    static final class ContendedCase extends TimedCase {
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
        public boolean hasHandoffs() {
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
}
