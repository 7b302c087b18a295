package io.tradecoord.benchmarks.orders;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.Jedis;

/**
 * What the system spends per order, read off the servers themselves before and after a phase: CPU time of every
 * process group (the WildFly nodes, PostgreSQL, Redis, ZooKeeper, Kafka, RabbitMQ) from the kernel's accounting,
 * PostgreSQL's transactions ({@code pg_stat_database}), Redis' lock scripts and commands ({@code INFO}), and the
 * deliveries the modules applied (their inboxes), divided by the orders handled in between. The benchmark's own
 * queries are counted and taken off the transactions.
 */
final class CostMeter {

    /** Process groups by their command line; the first that matches wins (Kafka's class path names ZooKeeper's jar). */
    static final Map<String, Predicate<String>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("WildFly", line -> line.contains("jboss-modules"));
        GROUPS.put("Kafka", line -> line.contains("kafka.Kafka"));
        GROUPS.put("ZooKeeper", line -> line.contains("org.apache.zookeeper.server"));
        GROUPS.put("PostgreSQL", line -> line.startsWith("postgres") || line.contains("/bin/postgres"));
        GROUPS.put("Redis", line -> line.contains("redis-server"));
        GROUPS.put("RabbitMQ", line -> line.contains("beam.smp"));
    }

    private final String jdbcUrl;
    private final String redisHost;
    private final int redisPort;

    CostMeter(String jdbcUrl, String redisHost, int redisPort) {
        this.jdbcUrl = jdbcUrl;
        this.redisHost = redisHost;
        this.redisPort = redisPort;
    }

    /** Counters at one moment. {@code cpuNanos} per process id, grouped; a process that exits takes its share along. */
    record Reading(long atNanos, Map<String, Map<Long, Long>> cpuNanos, Map<String, ThreadTime> nodeThreads,
                   long dbTransactions, long lockScripts, long redisCommands, long applied, long benchQueries) {
    }

    /** One node thread's kind ({@link #THREAD_KINDS}) and CPU time. */
    record ThreadTime(String kind, long nanos) {
    }

    /** What the WildFly nodes' threads do, by their names (the first that matches wins; the rest is "other"). */
    static final Map<String, Predicate<String>> THREAD_KINDS = new LinkedHashMap<>();

    static {
        THREAD_KINDS.put("HTTP", name -> name.startsWith("default task") || name.startsWith("default I/O"));
        THREAD_KINDS.put("deliveries", name -> name.startsWith("coordination-bus-local-") || name.startsWith("tradecoord-kafka-")
                || (name.startsWith("coordination-rabbitmq-") && !name.matches("coordination-rabbitmq-(io|confirms|timer|heartbeat).*")));
        THREAD_KINDS.put("relays", name -> name.startsWith("coordination-outbox-relay-"));
        THREAD_KINDS.put("JIT", name -> name.contains("CompilerThread"));
        THREAD_KINDS.put("GC", name -> name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread"));
    }

    /**
     * The command line as the process wrote it ({@code /proc/<pid>/cmdline}): Java's {@code ProcessHandle.Info} names
     * the executable instead, which for Debian's Redis is {@code redis-check-rdb}.
     */
    private static String commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return ""; // gone, or not readable: not counted
        }
    }

    /** Per-order costs between two readings. */
    record Costs(long orders, Map<String, Double> cpuMillisPerOrder, Map<String, Double> nodeThreadMillisPerOrder, double dbTransactionsPerOrder,
                 double lockScriptsPerOrder, double redisCommandsPerOrder, double appliedPerOrder) {
    }

    Reading read(long benchQueries) throws SQLException {
        Map<String, Map<Long, Long>> cpu = new LinkedHashMap<>();
        GROUPS.keySet().forEach(group -> cpu.put(group, new LinkedHashMap<>()));
        ProcessHandle.allProcesses().forEach(process -> {
            ProcessHandle.Info info = process.info();
            String line = commandLine(process.pid());
            String group = GROUPS.entrySet().stream().filter(g -> g.getValue().test(line)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            if (group != null) {
                info.totalCpuDuration().ifPresent(d -> cpu.get(group).put(process.pid(), d.toNanos()));
            }
        });
        long transactions;
        long applied;
        try (Connection db = DriverManager.getConnection(jdbcUrl, "postgres", ""); Statement statement = db.createStatement()) {
            // statistics reach the view when a backend is idle for a moment: the caller waits before reading
            statement.execute("SELECT pg_stat_clear_snapshot()");
            transactions = single(statement, "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()");
            applied = single(statement, "SELECT count(*) FROM coordination_inbox");
        }
        long scripts = 0;
        long commands = 0;
        try (Jedis redis = new Jedis(redisHost, redisPort)) {
            for (String line : redis.info("commandstats").split("\r?\n")) {
                if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                    scripts += Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"));
                }
            }
            for (String line : redis.info("stats").split("\r?\n")) {
                if (line.startsWith("total_commands_processed:")) {
                    commands = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
        } catch (RuntimeException e) {
            // no Redis here: the lock columns say 0
        }
        Map<String, ThreadTime> threads = new LinkedHashMap<>();
        cpu.get("WildFly").keySet().forEach(pid -> threads.putAll(nodeThreads(pid)));
        return new Reading(System.nanoTime(), cpu, threads, transactions, scripts, commands, applied, benchQueries);
    }

    /**
     * What the servers spent from {@code start} to {@code end}, divided by the {@code orders} handled in between: gross,
     * so the system's own background work at that load (relay sweeps, pollers, renewals) is part of it, as it is part
     * of what the load costs.
     */
    static Costs perOrder(long orders, Reading start, Reading end) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String group : GROUPS.keySet()) {
            double spent = cpuDelta(start, end, group);
            if (spent > 0) {
                cpu.put(group, spent / 1e6 / orders);
            }
        }
        Map<String, Double> threads = new LinkedHashMap<>();
        end.nodeThreads().forEach((id, thread) -> {
            ThreadTime before = start.nodeThreads().get(id); // null: the thread started in between
            threads.merge(thread.kind(), (thread.nanos() - (before == null ? 0 : before.nanos())) / 1e6 / orders, Double::sum);
        });
        return new Costs(orders, cpu, threads,
                per(end.dbTransactions() - start.dbTransactions() - (end.benchQueries() - start.benchQueries()), orders),
                per(end.lockScripts() - start.lockScripts(), orders),
                per(end.redisCommands() - start.redisCommands(), orders),
                per(end.applied() - start.applied(), orders));
    }

    private static double per(long count, long orders) {
        return (double) Math.max(0, count) / orders;
    }

    /**
     * CPU time and kind of each thread of a WildFly node ({@code /proc/<pid>/task}), keyed by pid/tid; the names come from {@code jcmd Thread.print} (the kernel keeps only 15 characters).
     */
    private static Map<String, ThreadTime> nodeThreads(long pid) {
        Map<String, String> names = new HashMap<>();
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
            String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor();
            Matcher thread = Pattern.compile("(?m)^\"([^\"]+)\".*? nid=(0x[0-9a-f]+|\\d+)").matcher(dump);
            while (thread.find()) {
                String nid = thread.group(2);
                names.put(Long.toString(nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid)), thread.group(1));
            }
        } catch (IOException e) {
            // no jcmd: the kernel's short names
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, ThreadTime> threads = new LinkedHashMap<>();
        File[] tasks = new File("/proc/" + pid + "/task").listFiles();
        for (File task : tasks == null ? new File[0] : tasks) {
            try {
                String stat = Files.readString(task.toPath().resolve("stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime + stime
                String name = names.getOrDefault(task.getName(), Files.readString(task.toPath().resolve("comm")).strip());
                String kind = THREAD_KINDS.entrySet().stream().filter(k -> k.getValue().test(name)).map(Map.Entry::getKey)
                        .findFirst().orElse("other");
                threads.put(pid + "/" + task.getName(), new ThreadTime(kind, ticks * 10_000_000L)); // 100 ticks a second
            } catch (IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return threads;
    }

    /** CPU spent by a group's processes between two readings; a process that started in between counts from zero. */
    private static double cpuDelta(Reading from, Reading to, String group) {
        Map<Long, Long> before = from.cpuNanos().get(group);
        double sum = 0;
        for (Map.Entry<Long, Long> process : to.cpuNanos().get(group).entrySet()) {
            sum += process.getValue() - before.getOrDefault(process.getKey(), 0L);
        }
        return sum;
    }

    /** Waits long enough for the servers' statistics to settle (PostgreSQL publishes a backend's when it idles). */
    static void settle() throws InterruptedException {
        Thread.sleep(1_500);
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One Markdown row: backends, nodes, orders, then CPU ms per order per group in {@code groups} order, then counts. */
    static String row(String label, int nodes, Costs costs, List<String> groups) {
        StringBuilder row = new StringBuilder("| " + label + " | " + nodes + " | " + costs.orders() + " |");
        for (String group : groups) {
            Double ms = costs.cpuMillisPerOrder().get(group);
            row.append(ms == null ? " – |" : String.format(" %.1f |", ms));
        }
        row.append(String.format(" %.1f | %.1f | %.1f | %.1f |", costs.dbTransactionsPerOrder(), costs.lockScriptsPerOrder(),
                costs.redisCommandsPerOrder(), costs.appliedPerOrder()));
        return row.toString();
    }

    /** One Markdown row of the WildFly nodes' CPU per order by thread kind ({@link #THREAD_KINDS}, then "other"). */
    static String threadRow(String label, int nodes, Costs costs) {
        StringBuilder row = new StringBuilder("| " + label + " | " + nodes + " |");
        List<String> kinds = new ArrayList<>(THREAD_KINDS.keySet());
        kinds.add("other");
        for (String kind : kinds) {
            row.append(String.format(" %.1f |", costs.nodeThreadMillisPerOrder().getOrDefault(kind, 0.0)));
        }
        return row.toString();
    }
}
