package io.tradecoord.benchmarks;

import io.tradecoord.benchmarks.Rounds.Probe;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/** Cumulative counters read around every round, to tell where the time of one operation goes. */
public final class Probes {

    private Probes() {
    }

    /** CPU time of this JVM (all its threads: benchmark, client I/O, subscriber, watchdog, GC, JIT), in us. */
    public static Probe jvmCpu() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new Probe() {
            @Override
            public String name() {
                return "JVM CPU us/op";
            }

            @Override
            public double read() {
                return os.getProcessCpuTime() / 1000.0;
            }
        };
    }

    /** CPU time of the Redis server (INFO cpu: used_cpu_user + used_cpu_sys), in us; one extra round trip per read. */
    static Probe redisCpu(Jedis admin) {
        return new Probe() {
            @Override
            public String name() {
                return "Redis CPU us/op";
            }

            @Override
            public double read() {
                double seconds = 0;
                for (String line : admin.info("cpu").split("\r?\n")) {
                    if (line.startsWith("used_cpu_user:") || line.startsWith("used_cpu_sys:")) {
                        seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                return seconds * 1e6;
            }
        };
    }

    /** Commands Redis processed (INFO stats: total_commands_processed), the probes' own INFO calls included. */
    static Probe redisCommands(Jedis admin) {
        return new Probe() {
            @Override
            public String name() {
                return "Redis cmds/op";
            }

            @Override
            public double read() {
                for (String line : admin.info("stats").split("\r?\n")) {
                    if (line.startsWith("total_commands_processed:")) {
                        return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                return Double.NaN;
            }
        };
    }

    /**
     * Context switches (voluntary + involuntary) of the threads of this JVM alive at both reads (Linux
     * /proc/self/task); threads that end within a round are missed, so only for the one-thread cases.
     */
    public static Probe jvmContextSwitches() {
        return new Probe() {
            @Override
            public String name() {
                return "JVM ctx switches/op";
            }

            @Override
            public double read() {
                double total = 0;
                try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
                    for (Path task : (Iterable<Path>) tasks::iterator) {
                        try {
                            for (String line : Files.readAllLines(task.resolve("status"))) {
                                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                    total += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                                }
                            }
                        } catch (IOException | RuntimeException threadEnded) {
                            // the thread ended between list and read
                        }
                    }
                } catch (IOException e) {
                    return Double.NaN;
                }
                return total;
            }
        };
    }
}
