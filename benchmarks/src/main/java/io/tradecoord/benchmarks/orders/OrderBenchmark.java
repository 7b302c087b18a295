package io.tradecoord.benchmarks.orders;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End to end through the running system (scripts/cluster.sh, one or two nodes): orders placed over HTTP, each one
 * confirmed when the inventory's answer came back through the bus. Two phases:
 * <ul>
 *   <li><b>saturation</b>: {@code --buyers} buyers in a closed loop over all nodes for {@code --seconds}; the result is
 *   the orders confirmed per second within that window, the rate the system keeps up;</li>
 *   <li><b>latency</b>: orders offered at a fixed {@code --rate} per second (open loop) for {@code --latency-seconds};
 *   p50 / p99 of place -&gt; CONFIRMED, from the shared database's own timestamps (placed_at and the CONFIRMED status
 *   change), so no client clock takes part.</li>
 * </ul>
 * Orders have one line of one unit of one of {@code --skus} SKUs (stock enough for any run), from 16 members.
 * Prints one Markdown table row on stdout, progress on stderr.
 */
public final class OrderBenchmark {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MEMBER_ID = Pattern.compile("\"memberId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
    private final List<String> nodes;
    private final String jdbcUrl;
    private final List<String> skus = new ArrayList<>();
    private final List<String> members = new ArrayList<>();
    private final AtomicLong failures = new AtomicLong();
    /** Placements answered 503 (too many orders waiting) in the saturation window. */
    private final AtomicLong refused = new AtomicLong();
    /** Queries this benchmark sent to the database, taken off its transaction count. */
    private final AtomicLong queries = new AtomicLong();
    private final CostMeter meter;

    private OrderBenchmark(List<String> nodes, String database) {
        this.nodes = nodes;
        this.jdbcUrl = "jdbc:postgresql://127.0.0.1:5432/" + database;
        this.meter = new CostMeter(jdbcUrl, "127.0.0.1", 6379);
    }

    public static void main(String[] args) {
        try {
            run(args);
            System.exit(0);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1); // the HTTP client's threads would keep the JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("buyers", "8", "seconds", "20", "warmup", "45", "rate", "10",
                "latency-seconds", "15", "skus", "50", "label", "?"));
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        if (options.containsKey("cleanup")) {
            BenchLeftovers.remove(options.get("cleanup"), options.get("locks"), options.get("bus"));
            return;
        }
        OrderBenchmark bench = new OrderBenchmark(List.of(options.get("nodes").split(",")), options.get("db"));
        bench.setUp(Integer.parseInt(options.get("skus")));

        int buyers = Integer.parseInt(options.get("buyers"));
        log("warm-up " + options.get("warmup") + " s");
        bench.closedLoop(buyers, Duration.ofSeconds(Long.parseLong(options.get("warmup"))));
        bench.awaitSettled(bench.pendingAll());

        Duration window = Duration.ofSeconds(Long.parseLong(options.get("seconds")));
        log("saturation: " + buyers + " buyers for " + window.toSeconds() + " s");
        bench.refused.set(0);
        CostMeter.settle(); // the warm-up's last transactions reach the statistics before the window's first reading
        CostMeter.Reading loadStart = bench.meter.read(bench.queries.get());
        long windowStart = System.currentTimeMillis();
        Set<String> saturation = bench.closedLoop(buyers, window);
        long windowEnd = System.currentTimeMillis();
        bench.awaitSettled(saturation);
        CostMeter.settle();
        CostMeter.Costs costs = CostMeter.perOrder(saturation.size(), loadStart, bench.meter.read(bench.queries.get()));
        double acceptedPerSecond = saturation.size() * 1000.0 / (windowEnd - windowStart);
        double confirmedPerSecond = bench.confirmedBetween(saturation, windowStart, windowEnd) * 1000.0 / (windowEnd - windowStart);
        // all of the window's orders through to CONFIRMED: from the window's start to the last confirmation
        long lastConfirmed = bench.lastConfirmedMillis(saturation);
        double completedPerSecond = saturation.size() * 1000.0 / Math.max(1, lastConfirmed - windowStart);
        // how long after the load stopped the last accepted order was answered: the backlog the system let build up
        double drainSeconds = Math.max(0, lastConfirmed - windowEnd) / 1000.0;
        double refusedPerSecond = bench.refused.get() * 1000.0 / (windowEnd - windowStart);

        int rate = Integer.parseInt(options.get("rate"));
        Duration latencyRun = Duration.ofSeconds(Long.parseLong(options.get("latency-seconds")));
        log("latency: " + rate + " orders/s for " + latencyRun.toSeconds() + " s");
        Set<String> paced = bench.openLoop(rate, latencyRun);
        bench.awaitSettled(paced);
        long[] latencies = bench.placeToConfirmedMillis(paced);

        System.out.printf("| %s | %d | %.0f | %.0f | %.0f | %.0f | %.1f | %d | %d | %d | %d | %d |%n", options.get("label"), bench.nodes.size(),
                acceptedPerSecond, refusedPerSecond, confirmedPerSecond, completedPerSecond, drainSeconds, rate, percentile(latencies, 50), percentile(latencies, 99), latencies.length == 0 ? 0 : latencies[latencies.length - 1],
                bench.failures.get() + (paced.size() - latencies.length));
        if (options.containsKey("costs-out")) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(options.get("costs-out")),
                    CostMeter.row(options.get("label"), bench.nodes.size(), costs,
                            List.of("WildFly", "PostgreSQL", "Redis", "ZooKeeper", "Kafka", "RabbitMQ")) + "\n"
                            + CostMeter.threadRow(options.get("label"), bench.nodes.size(), costs) + "\n");
        }
    }

    private void setUp(int skuCount) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < skuCount; i++) {
            String code = "bench-" + run + "-" + i;
            post(nodes.get(0) + "/inventory/api/skus", "{\"sku\":\"%s\",\"name\":\"bench\",\"unitPrice\":1.00,\"initialStock\":1000000}"
                    .formatted(code), Map.of(), 201);
            skus.add(code);
        }
        for (int i = 0; i < 16; i++) {
            String body = post(nodes.get(0) + "/member/api/members",
                    "{\"email\":\"bench-%s@example.com\",\"displayName\":\"Bench\"}".formatted(UUID.randomUUID()), Map.of(), 201);
            Matcher id = MEMBER_ID.matcher(body);
            if (!id.find()) {
                throw new IllegalStateException("no memberId in " + body);
            }
            members.add(id.group(1));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        for (String member : members) {
            for (String node : nodes) {
                while (get(node + "/order/api/known-members/" + member) != 200) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the order module did not learn member " + member + " within 2 minutes");
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    /** Buyers each placing one order after the other, on the nodes in turn, for {@code length}; the orders accepted. */
    private Set<String> closedLoop(int buyers, Duration length) throws InterruptedException {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(buyers);
        for (int b = 0; b < buyers; b++) {
            int buyer = b;
            pool.submit(() -> {
                for (int n = buyer; System.nanoTime() < end; n++) {
                    place(nodes.get(n % nodes.size())).ifPresent(accepted::add);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(length.toSeconds() + 120, TimeUnit.SECONDS);
        return accepted;
    }

    /** {@code rate} orders a second, each on its own schedule whatever the answers take, for {@code length}. */
    private Set<String> openLoop(int rate, Duration length) throws InterruptedException {
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        long start = System.nanoTime();
        long count = rate * length.toSeconds();
        for (long i = 0; i < count; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int n = (int) i;
            pool.submit(() -> place(nodes.get(n % nodes.size())).ifPresent(accepted::add));
        }
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        return accepted;
    }

    /**
     * Places one order; an answer 503 (the system is behind: {@code order.max-pending}) is counted and waited out for
     * its {@code Retry-After}, as a well-behaved client would, and the buyer goes on with its next order.
     */
    private java.util.Optional<String> place(String node) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String json = "{\"memberId\":\"%s\",\"lines\":[{\"sku\":\"%s\",\"quantity\":1}]}".formatted(members.get(random.nextInt(members.size())),
                skus.get(random.nextInt(skus.size())));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node + "/order/api/orders"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json").header("Authorization", bearer())
                    .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 503) {
                refused.incrementAndGet();
                long seconds = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                TimeUnit.SECONDS.sleep(seconds);
                return java.util.Optional.empty();
            }
            if (response.statusCode() != 202) {
                throw new IllegalStateException("POST orders -> " + response.statusCode() + " " + response.body());
            }
            Matcher id = ORDER_ID.matcher(response.body());
            return id.find() ? java.util.Optional.of(id.group(1)) : java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        } catch (Exception e) {
            failures.incrementAndGet();
            return java.util.Optional.empty();
        }
    }

    /** An admin's bearer token (the benchmark registers members, creates SKUs and places orders for every member). */
    private static String bearer() {
        String token = System.getenv("TRADECOORD_TOKEN");
        if (token == null || token.isBlank()) {
            throw new IllegalStateException("set TRADECOORD_TOKEN to an admin's bearer token, e.g. $(scripts/token.sh bench admin 720)");
        }
        return "Bearer " + token.strip();
    }

    private String post(String url, String json, Map<String, String> headers, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", bearer())
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private int get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Authorization", bearer()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private Set<String> pendingAll() throws SQLException {
        return Set.copyOf(query("SELECT order_id FROM order_purchase WHERE status = 'PENDING'", List.of()));
    }

    private void awaitSettled(Set<String> orders) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (!query("SELECT order_id FROM order_purchase WHERE status = 'PENDING' AND order_id = ANY(?) LIMIT 1", List.copyOf(orders)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("orders still PENDING after 10 minutes");
            }
            Thread.sleep(200);
        }
    }

    private long confirmedBetween(Set<String> orders, long fromMillis, long toMillis) throws SQLException {
        return Long.parseLong(query("""
                SELECT count(*) FROM order_status_change c WHERE c.status = 'CONFIRMED' AND c.order_id = ANY(?)
                  AND c.changed_at BETWEEN to_timestamp(%d / 1000.0) AND to_timestamp(%d / 1000.0)""".formatted(fromMillis, toMillis),
                List.copyOf(orders)).get(0));
    }

    private long lastConfirmedMillis(Set<String> orders) throws SQLException {
        return Long.parseLong(query("""
                SELECT (EXTRACT(EPOCH FROM max(c.changed_at)) * 1000)::bigint FROM order_status_change c
                  WHERE c.status IN ('CONFIRMED', 'REJECTED') AND c.order_id = ANY(?)""", List.copyOf(orders)).get(0));
    }

    private long[] placeToConfirmedMillis(Set<String> orders) throws SQLException {
        return query("""
                SELECT (EXTRACT(EPOCH FROM (c.changed_at - p.placed_at)) * 1000)::bigint FROM order_purchase p
                  JOIN order_status_change c ON c.order_id = p.order_id AND c.status = 'CONFIRMED' WHERE p.order_id = ANY(?)""",
                List.copyOf(orders)).stream().mapToLong(Long::parseLong).sorted().toArray();
    }

    private List<String> query(String sql, List<String> ids) throws SQLException {
        queries.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(sql)) {
            if (sql.contains("?")) {
                statement.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void log(String message) {
        System.err.println("run-orders: " + message);
    }
}
