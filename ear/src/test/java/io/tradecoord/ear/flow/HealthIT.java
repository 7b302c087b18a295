package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.ear.Faults;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
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
 * MicroProfile Health of the EAR with real backends (run where the lock and bus backends are external: Redis + Kafka
 * on WildFly, ZooKeeper + RabbitMQ on Payara Server): the {@code coordination} readiness check is UP while the
 * backends, and every module's database and outbox, are fine; DOWN with the reason while a backend is away; UP again
 * once it is back. Liveness stays UP throughout. WildFly serves
 * health on its management port (9990), Payara Server on its HTTP port.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

    private static final List<String> MODULES = List.of("order-module", "inventory-module", "member-module");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final Api api = new Api();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    @Order(1)
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
    @Order(2)
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
    @Order(3)
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
            default -> throw new IllegalStateException("run HealthIT where the backends are external, not " + backend);
        }
    }

    private static void start(String backend) {
        switch (backend) {
            case "redis" -> Faults.startRedis();
            case "rabbitmq" -> Faults.startRabbitMq();
            default -> Faults.services("start", backend);
        }
    }
}
