package io.tradecoord.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * CPU used on this machine by anything other than the benchmark itself and the servers it measures (Redis,
 * ZooKeeper), in percent of one core, from Linux /proc (clock ticks). On a shared 2-core machine another
 * process's build or test run can halve a round's rate; the harness uses this to start timed rounds only when
 * the rest of the machine is quiet and to repeat a round that other work disturbed (both rules fixed before the
 * round runs, independent of its result). Without /proc it reports 0 and never gates.
 */
final class MachineLoad {

    private final List<Path> ourPids = new ArrayList<>();
    private final boolean available;
    private long lastMachine;
    private long lastOurs;
    private long lastAt;

    MachineLoad() {
        ourPids.add(Path.of("/proc/self/stat"));
        boolean ok = Files.isReadable(Path.of("/proc/stat"));
        if (ok) {
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : (Iterable<Path>) procs::iterator) {
                    String name = proc.getFileName().toString();
                    if (!name.chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String cmdline = new String(Files.readAllBytes(proc.resolve("cmdline"))).replace('\0', ' ');
                        if (cmdline.startsWith("redis-server") || cmdline.contains("/redis-server")
                                || cmdline.contains("ZooKeeperServerMain")) {
                            ourPids.add(proc.resolve("stat"));
                        }
                    } catch (IOException | RuntimeException gone) {
                        // the process ended meanwhile
                    }
                }
            } catch (IOException e) {
                ok = false;
            }
        }
        available = ok;
    }

    /** How many server processes were found (Redis, ZooKeeper), for the report. */
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
        lastMachine = machineBusyTicks();
        lastOurs = ourTicks();
        lastAt = System.nanoTime();
    }

    /** Percent of one core used by other processes since {@link #mark()}. */
    double foreignPercentSinceMark() {
        if (!available) {
            return 0;
        }
        long machine = machineBusyTicks() - lastMachine;
        long ours = ourTicks() - lastOurs;
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

    private long ourTicks() {
        long total = 0;
        for (Path stat : ourPids) {
            try {
                String s = Files.readString(stat);
                String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": state=0 ... utime=11 stime=12
                total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException gone) {
                // a server stopped: counted as foreign from now on, which only makes the gate stricter
            }
        }
        return total;
    }
}
