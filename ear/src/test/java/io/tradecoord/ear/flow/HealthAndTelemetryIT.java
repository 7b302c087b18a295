package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tradecoord.ear.Faults;
import io.tradecoord.ear.OtlpCollector.Point;
import io.tradecoord.ear.OtlpCollector.Span;
import io.tradecoord.ear.OtlpCollector;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator watches, on the EAR with real backends (Redis + Kafka on WildFly, ZooKeeper + RabbitMQ on Payara
 * Server), with the servers' OpenTelemetry switched on and exporting OTLP to the tests' {@link OtlpCollector}:
 * <ul>
 * <li>traces: an order placed under a trace of the test's own is handled by the inventory as a child span of the HTTP
 * request that placed it, and the inventory's answer by the order module as a child of that;</li>
 * <li>metrics: lock, bus and outbox metrics per module and topic (over OTLP on WildFly, in {@code /metrics} on
 * Payara Server);</li>
 * <li>MicroProfile Health: the {@code coordination} readiness check is UP while the backends, and every module's
 * database and outbox, are fine; DOWN with the reason while a backend is away; UP again once it is back. Liveness
 * stays UP throughout. WildFly serves health on its management port (9990), Payara Server on its HTTP port.</li>
 * </ul>
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthAndTelemetryIT {

    private static final List<String> MODULES = List.of("order-module", "inventory-module", "member-module");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Shop shop = new Shop();
    private final Api api = shop.api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    @Order(1)
    void anEventsHandlingIsAChildSpanOfTheRequestThatFiredIt() {
        String fig = shop.createSku("fig", "2.50", 10);
        String member = shop.member();
        String traceId = randomHex(16);
        String testSpanId = randomHex(8);
        String order = shop.placeWith(member, Map.of(fig, 2), Map.of("traceparent", "00-" + traceId + "-" + testSpanId + "-01"))
                .json().getString("orderId");
        shop.awaitStatus(order, "CONFIRMED");

        Span request = await("the server span of the POST, child of the test's span", traceId,
                span -> span.kind().equals("SERVER") && span.parentSpanId().equals(testSpanId));
        Span placed = await("the inventory's handling of order.placed, child of the POST", traceId,
                span -> span.kind().equals("CONSUMER") && span.name().equals("order.placed process")
                        && "inventory-module".equals(span.attributes().get("messaging.consumer.group.name")));
        assertEquals(request.spanId(), placed.parentSpanId(), () -> String.join("\n", OtlpCollector.describe(traceId)));
        assertEquals("order.placed", placed.attributes().get("messaging.destination.name"), placed::toString);
        assertEquals(busBackend(), placed.attributes().get("messaging.system"), placed::toString);

        Span answer = await("the order module's handling of the inventory's answer, child of the inventory's handling", traceId,
                span -> span.kind().equals("CONSUMER") && span.parentSpanId().equals(placed.spanId())
                        && "order-module".equals(span.attributes().get("messaging.consumer.group.name")));
        assertTrue(answer.name().startsWith("inventory."), answer::toString);
    }

    @Test
    @Order(2)
    void lockBusAndOutboxMetricsAreRecordedPerModuleAndTopic() {
        String kiwi = shop.createSku("kiwi", "0.40", 10);
        shop.awaitStatus(shop.place(shop.member(), Map.of(kiwi, 1)), "CONFIRMED");
        String locks = api.get("/order/api/about").expect(200).json().getString("lockBackend");
        if (onPayara()) {
            // MicroProfile Metrics, scraped from /metrics in the Prometheus format
            String scrape = api.get("/metrics").expect(200).body();
            series(scrape, "coordination_bus_publish_seconds_count", "module=\"order-module\"", "topic=\"order.placed\"");
            series(scrape, "coordination_bus_consume_lag_seconds_count", "module=\"inventory-module\"", "topic=\"order.placed\"");
            series(scrape, "coordination_lock_wait_seconds_count", "backend=\"" + locks + "\"", "outcome=\"acquired\"");
            series(scrape, "coordination_lock_hold_seconds_count", "backend=\"" + locks + "\"");
            for (String module : MODULES) {
                String tag = "module=\"" + module + "\"";
                series(scrape, "coordination_outbox_unsent", tag);
                series(scrape, "coordination_outbox_oldest_unsent_age_seconds", tag);
                series(scrape, "coordination_bus_dead_letters_pending", tag);
            }
            return;
        }
        // OpenTelemetry metrics (MicroProfile Telemetry 2), exported over OTLP
        point("coordination.bus.publish.duration", Map.of("coordination.module", "order-module", "messaging.destination.name", "order.placed"));
        point("coordination.bus.consume.lag", Map.of("coordination.module", "inventory-module", "messaging.destination.name", "order.placed"));
        point("coordination.lock.wait.duration", Map.of("coordination.lock.backend", locks, "coordination.lock.outcome", "acquired"));
        point("coordination.lock.hold.duration", Map.of("coordination.lock.backend", locks));
        for (String module : MODULES) {
            Point unsent = point("coordination.outbox.unsent", Map.of("coordination.module", module));
            assertTrue(unsent.value() >= 0, unsent::toString);
            point("coordination.outbox.oldest_unsent.age", Map.of("coordination.module", module));
            point("coordination.bus.dead_letters.pending", Map.of("coordination.module", module));
        }
    }

    private String busBackend() {
        return api.get("/order/api/about").expect(200).json().getString("busBackend");
    }

    private static boolean onPayara() {
        return System.getProperty("arquillian.launch", "").startsWith("payara");
    }

    /** The value of the series {@code name} whose labels include all of {@code labels}; fails if there is none. */
    private static double series(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && java.util.Arrays.stream(labels).allMatch(line::contains)) {
                double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                if (name.endsWith("_count")) {
                    assertTrue(value > 0, line);
                }
                return value;
            }
        }
        return fail("no series " + name + " with " + List.of(labels) + " in /metrics:\n"
                + scrape.lines().filter(l -> l.startsWith("coordination_")).collect(java.util.stream.Collectors.joining("\n")));
    }

    @Test
    @Order(3)
    void readyWithItsBackendsAndEveryModulesDatabaseAndOutbox() {
        JsonObject about = api.get("/order/api/about").expect(200).json();
        JsonObject data = awaitReadiness("UP", check -> true).getJsonObject("data");
        assertEquals(about.getString("lockBackend") + " UP", data.getString("locks"), data::toString);
        assertEquals(about.getString("busBackend") + " UP", data.getString("bus"), data::toString);
        for (String module : MODULES) {
            assertEquals("UP", data.getString(module), data::toString);
            assertTrue(data.containsKey(module + ".outbox.unsent") && data.containsKey(module + ".dead-letters.pending"), data::toString);
        }
    }

    @Test
    @Order(4)
    void theLockBackendDownMakesItNotReadyButStillLive() {
        String backend = api.get("/order/api/about").expect(200).json().getString("lockBackend");
        stop(backend);
        try {
            JsonObject down = awaitReadiness("DOWN", check -> check.getJsonObject("data").getString("locks").startsWith(backend + " DOWN: "));
            for (String module : MODULES) {
                assertEquals("UP", down.getJsonObject("data").getString(module), down::toString);
            }
            assertLive();
        } finally {
            start(backend);
        }
        awaitReadiness("UP", check -> true);
    }

    @Test
    @Order(5)
    void theBrokerDownMakesItNotReadyButStillLive() {
        String backend = api.get("/order/api/about").expect(200).json().getString("busBackend");
        stop(backend);
        try {
            awaitReadiness("DOWN", check -> check.getJsonObject("data").getString("bus").startsWith(backend + " DOWN: "));
            assertLive();
        } finally {
            start(backend);
        }
        awaitReadiness("UP", check -> true);
    }

    private void assertLive() {
        HttpResponse<String> live = health("/health/live");
        assertEquals(200, live.statusCode(), live::body);
        assertEquals("UP", json(live.body()).getString("status"), live::body);
    }

    /**
     * Polls readiness until every {@code coordination} check (one per WAR on Payara Server) has {@code status} and passes
     * {@code test}; returns one of them.
     */
    private JsonObject awaitReadiness(String status, Predicate<JsonObject> test) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        String last = "nothing";
        while (true) {
            HttpResponse<String> ready = health("/health/ready");
            last = ready.statusCode() + " " + ready.body();
            List<JsonObject> checks = json(ready.body()).getJsonArray("checks").stream().map(v -> v.asJsonObject())
                    .filter(c -> c.getString("name").equals("coordination")).toList();
            if (!checks.isEmpty() && checks.stream().allMatch(c -> c.getString("status").equals(status) && test.test(c))) {
                assertEquals(status.equals("UP") ? 200 : 503, ready.statusCode(), last);
                return checks.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + PATIENCE.toSeconds() + " s for readiness " + status + "; last: " + last);
            }
            Api.pause(250);
        }
    }

    private HttpResponse<String> health(String path) {
        // WildFly serves MicroProfile Health on the management interface; Payara on the HTTP listener
        String port = System.getProperty("arquillian.launch").equals("wildfly") ? "9990" : System.getProperty("server.http.port");
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonObject json(String body) {
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static void stop(String backend) {
        switch (backend) {
            case "redis" -> Faults.stopRedis();
            case "rabbitmq" -> Faults.stopRabbitMq();
            case "zookeeper", "kafka" -> Faults.services("stop", backend);
            default -> throw new IllegalStateException("run HealthAndTelemetryIT where the backends are external, not " + backend);
        }
    }

    private static void start(String backend) {
        switch (backend) {
            case "redis" -> Faults.startRedis();
            case "rabbitmq" -> Faults.startRabbitMq();
            default -> Faults.services("start", backend);
        }
    }

    private static Point point(String metric, Map<String, String> attributes) {
        Supplier<Optional<Point>> find = () -> OtlpCollector.points().stream()
                .filter(p -> p.metric().equals(metric) && p.attributes().entrySet().containsAll(attributes.entrySet()))
                .filter(p -> !p.metric().endsWith(".duration") && !p.metric().endsWith(".lag") || p.value() > 0)
                .reduce((first, later) -> later);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Point> found = find.get();
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        return fail("no data point of " + metric + " with " + attributes + " within " + PATIENCE.toSeconds() + " s; received: "
                + OtlpCollector.points().stream().map(p -> p.metric() + p.attributes()).distinct().toList());
    }

    private static Span await(String what, String traceId, Predicate<Span> wanted) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Span> found = OtlpCollector.spans().stream().filter(s -> s.traceId().equals(traceId)).filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            sleep();
        }
        return fail("no span: " + what + " within " + PATIENCE.toSeconds() + " s; trace " + traceId + " has:\n"
                + String.join("\n", OtlpCollector.describe(traceId)) + "\n(" + OtlpCollector.spans().size() + " spans received in all)");
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
