package io.tradecoord.benchmarks.bus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU used on this machine by anything other than the benchmark itself and the servers it measures (Kafka,
 * RabbitMQ, PostgreSQL), in percent of one core, from Linux /proc (clock ticks); the same rule as the lock
 * benchmark's MachineLoad, with the bus's servers. On a shared 2-core machine another process's build or test run
 * can halve a round's rate; the benchmark uses this to start timed rounds only when the rest of the machine is
 * quiet and to repeat a round that other work disturbed (both rules fixed before the round runs, independent of
 * its result). Without /proc it reports 0 and never gates.
 */
final class OtherLoad {

    private final List<Path> ourPids = new ArrayList<>();
    private final boolean available;
    private final java.util.Map<Path, Long> baseline = new java.util.HashMap<>();
    private long lastMachine;
    private long lastAt;

    OtherLoad() {
        available = Files.isReadable(Path.of("/proc/stat"));
        rescan();
    }

    /**
     * Finds the server processes again: PostgreSQL starts a backend per connection, so the set changes while the
     * benchmark runs. Called at every {@link #mark()}; the set stays fixed until the next one.
     */
    private void rescan() {
        ourPids.clear();
        ourPids.add(Path.of("/proc/self/stat"));
        if (!available) {
            return;
        }
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                    if (isServer(cmdline)) {
                        ourPids.add(proc.resolve("stat"));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        } catch (IOException e) {
            // keep what was found
        }
    }

    /**
     * Kafka (kafka.Kafka), RabbitMQ (the Erlang VM beam.smp running rabbit, its epmd) and every PostgreSQL process
     * (postmaster and the backends of all connections: a backend serving another program counts as a server too,
     * which makes the gate a little looser; a backend that starts or ends within a window counts as other load).
     */
    static boolean isServer(String cmdline) {
        return cmdline.contains(" kafka.Kafka ") || (cmdline.contains("beam.smp") && cmdline.contains("rabbit"))
                || cmdline.startsWith("/usr/lib/postgresql/") || cmdline.startsWith("postgres:")
                || cmdline.contains("/epmd");
    }

    /** How many server processes were found (Kafka, RabbitMQ, PostgreSQL), for the report. */
    int serversFound() {
        return ourPids.size() - 1;
    }

    boolean available() {
        return available;
    }

    /** Starts a measuring window. */
    void mark() {
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

    /**
     * Percent of one core used by other processes since {@link #mark()}. A server process that started within the
     * window (a PostgreSQL backend for a new connection) counts as ours with all its CPU time; one that ended within
     * it counts as other load.
     */
    double foreignPercentSinceMark() {
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
        return Math.max(0, (machine - ours)) / (double) TICKS_PER_SECOND / seconds * 100;
    }

    /** Samples {@code millis}; percent of one core used by other processes meanwhile. */
    double sample(long millis) throws InterruptedException {
        mark();
        Thread.sleep(millis);
        return foreignPercentSinceMark();
    }

    private static final int TICKS_PER_SECOND = 100; // USER_HZ on Linux

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
