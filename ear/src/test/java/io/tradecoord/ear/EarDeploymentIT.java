package io.tradecoord.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built EAR, unchanged, on a real server (WildFly 39 or Payara Server 6, one Failsafe execution each):
 * all three modules answer and share ONE coordination runtime, whatever the server's CDI policy for EARs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EarDeploymentIT {

    private static final List<String> MODULES = List.of("order", "inventory", "member");
    private static final String LOCK_BACKEND = "coordination.lock.backend";
    private static final String BUS_BACKEND = "coordination.bus.backend";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        File ear = new File(System.getProperty("ear.file"));
        return ShrinkWrap.create(ZipImporter.class, "tradecoord.ear").importFrom(ear).as(EnterpriseArchive.class);
    }

    @Test
    void everyModuleAnswersWithTheSameCoordinationRuntime() throws Exception {
        Set<String> runtimeIds = new HashSet<>();
        for (String module : MODULES) {
            JsonObject about = getJson("/" + module + "/api/about");
            assertEquals(module, about.getString("module"));
            assertEquals(System.getProperty("application.version"), about.getString("version"));
            assertEquals("local", about.getString("lockBackend"));
            assertEquals("local", about.getString("busBackend"));
            assertFalse(about.getString("runtimeId").isBlank());
            runtimeIds.add(about.getString("runtimeId"));
        }
        assertEquals(1, runtimeIds.size(), "modules of one EAR must share one runtime on "
                + System.getProperty("server.name") + ", got " + runtimeIds);
    }

    @Test
    void runtimeIdIsStableAcrossRequests() throws Exception {
        String first = getJson("/order/api/about").getString("runtimeId");
        String again = getJson("/member/api/about").getString("runtimeId");
        assertEquals(first, again);
    }

    /**
     * Configuration the server's way (docs/operations.md): the backends set with jboss-cli / asadmin take effect at the
     * redeploy; a value that names no backend stops the deployment with a message naming the key and the allowed values.
     */
    @Test
    void backendsSetWithTheServersAdminToolTakeEffectAndAWrongValueStopsTheDeployment() throws Exception {
        ServerAdmin admin = ServerAdmin.current();
        File ear = new File(System.getProperty("ear.file"));
        Set<String> queuesBefore = RabbitMqQueues.names();
        try {
            assertSucceeded(admin.redeployWith(ear, Map.of(LOCK_BACKEND, "redis", BUS_BACKEND, "rabbitmq")));
            for (String module : MODULES) {
                JsonObject about = getJson("/" + module + "/api/about");
                assertEquals("redis", about.getString("lockBackend"), about::toString);
                assertEquals("rabbitmq", about.getString("busBackend"), about::toString);
            }

            Processes.Outcome refused = admin.redeployWith(ear, Map.of(LOCK_BACKEND, "etcd"));
            assertFalse(refused.succeeded(), () -> "deployed with coordination.lock.backend=etcd: " + refused.output());
            assertTrue(refused.output().contains(LOCK_BACKEND) && refused.output().contains("local, redis, zookeeper"), refused::output);
        } finally {
            Map<String, String> removed = new java.util.HashMap<>();
            removed.put(LOCK_BACKEND, null);
            removed.put(BUS_BACKEND, null);
            assertSucceeded(admin.redeployWith(ear, removed));
            RabbitMqQueues.deleteAllBut(queuesBefore);
        }
        JsonObject about = getJson("/order/api/about");
        assertEquals("local", about.getString("lockBackend"), about::toString);
        assertEquals("local", about.getString("busBackend"), about::toString);
    }

    private static void assertSucceeded(Processes.Outcome outcome) {
        assertTrue(outcome.succeeded(), outcome::output);
    }

    private JsonObject getJson(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + System.getProperty("server.http.port") + path);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> "GET " + uri + " on " + System.getProperty("server.name")
                + " answered " + response.statusCode() + ": " + response.body());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        return Json.createReader(new StringReader(response.body())).readObject();
    }
}
