package io.tradecoord.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU used on this machine by anything other than the benchmark itself and the servers it measures, in percent of
 * one core, from Linux /proc (clock ticks). On a shared 2-core machine another process's build or test run can halve
 * a round's rate; {@link Rounds} uses this to start timed rounds only when the rest of the machine is quiet and to
 * repeat a round that other work disturbed (both rules fixed before the round runs, independent of its result).
 * Without /proc it reports 0 and never gates.
 * <p>
 * The server processes are found by their command line, again at every {@link #mark()}: PostgreSQL starts a
 * backend per connection, so the set changes while a benchmark runs. A server process that starts within a window
 * counts as ours with all its CPU time; one that ends within it counts as other load.
 */
public final class MachineLoad {

    private static final int TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Predicate<String> isServer;
    private final List<Path> ourPids = new ArrayList<>();
    private final Map<Path, Long> baseline = new HashMap<>();
    private final boolean available;
    private long lastMachine;
    private long lastAt;

    /** @param isServer whether a process, given its command line (arguments separated by spaces), is a measured server */
    public MachineLoad(Predicate<String> isServer) {
        this.isServer = isServer;
        this.available = Files.isReadable(Path.of("/proc/stat"));
        rescan();
    }

    /** How many server processes were found at the last look, for the report. */
    public int serversFound() {
        return ourPids.size() - 1;
    }

    public boolean available() {
        return available;
    }

    /** Starts a measuring window. */
    public void mark() {
        if (!available) {
            return;
        }
        rescan();
        lastMachine = machineBusyTicks();
        baseline.clear();
        for (Path stat : ourPids) {
            long ticks = ticks(stat);
            if (ticks >= 0) {
                baseline.put(stat, ticks);
            }
        }
        lastAt = System.nanoTime();
    }

    /** Percent of one core used by other processes since {@link #mark()}. */
    public double foreignPercentSinceMark() {
        if (!available) {
            return 0;
        }
        long machine = machineBusyTicks() - lastMachine;
        rescan();
        long ours = 0;
        for (Path stat : ourPids) {
            long ticks = ticks(stat);
            if (ticks >= 0) {
                ours += ticks - baseline.getOrDefault(stat, 0L);
            }
        }
        double seconds = (System.nanoTime() - lastAt) / 1e9;
        return Math.max(0, machine - ours) / (double) TICKS_PER_SECOND / seconds * 100;
    }

    /** Samples {@code millis}; percent of one core used by other processes meanwhile. */
    public double sample(long millis) throws InterruptedException {
        mark();
        Thread.sleep(millis);
        return foreignPercentSinceMark();
    }

    /**
     * A probe of the CPU time (user + system, in microseconds, 10 ms resolution) of every process whose command line
     * matches, summed over the processes alive at each read: one that ends between two reads loses its time.
     */
    public static Rounds.Probe processCpu(String name, Predicate<String> matches) {
        return new Rounds.Probe() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public double read() {
                long ticks = 0;
                for (Path stat : processes(matches)) {
                    ticks += Math.max(0, ticks(stat));
                }
                return ticks * (1e6 / TICKS_PER_SECOND);
            }
        };
    }

    private void rescan() {
        ourPids.clear();
        ourPids.add(Path.of("/proc/self/stat"));
        if (available) {
            ourPids.addAll(processes(isServer));
        }
    }

    /** The /proc/PID/stat files of the processes whose command line matches. */
    private static List<Path> processes(Predicate<String> matches) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (matches.test(cmdline)) {
                        found.add(proc.resolve("stat"));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            // keep what was found
        }
        return found;
    }

    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                    + Long.parseLong(f[7]) + Long.parseLong(f[8]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** utime + stime of one process in clock ticks, or -1 if it is gone. */
    private static long ticks(Path stat) {
        try {
            String s = Files.readString(stat);
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state=0 ... utime=11 stime=12
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
