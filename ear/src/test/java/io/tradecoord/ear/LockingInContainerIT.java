package io.tradecoord.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.ear.lockprobe.ProbeApplication;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Locks used by a module of the EAR on a real server: {@code @Inject DistributedLocks}, {@code @Locked} around
 * a JTA transaction (held until commit, re-entrant when nested, rollback when lost before commit) and a fenced
 * JPA write. The deployment is the built EAR plus one test-only WAR, so the lock library is exactly where the
 * product puts it: once, in lib/. Runs on the in-JVM backend (WildFly, Payara Server), on Redis (WildFly) and on
 * ZooKeeper (Payara Server): see the ear pom's executions.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LockingInContainerIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive earWithProbe() {
        return ProbeEar.withProbes(ShrinkWrap.create(WebArchive.class, "lock-probe.war")
                .addPackage(ProbeApplication.class.getPackage())
                .addAsResource("lockprobe/persistence.xml", "META-INF/persistence.xml"));
    }

    @Test
    void lockedKeepsConcurrentReadModifyWriteTransactionsExact() throws Exception {
        String id = newCounter();
        int threads = 6;
        int perThread = 5;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        post("/counters/" + id + "/increment", 200);
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * perThread, read(id).getJsonNumber("value").longValue());
        assertEquals(System.getProperty("expected.lock.backend", "local"), read(id).getString("backend"));
    }

    @Test
    void nestedLockedCallsReenter() throws Exception {
        String id = newCounter();
        JsonObject result = post("/counters/" + id + "/increment-twice-nested", 200);
        assertEquals(2, result.getJsonNumber("value").longValue());
        assertEquals(2, read(id).getJsonNumber("value").longValue());
    }

    @Test
    void aLockLostBeforeCommitRollsBackAndTellsTheCaller() throws Exception {
        String id = newCounter();
        post("/counters/" + id + "/increment", 200);

        JsonObject problem = post("/counters/" + id + "/slow-increment?pause=900", 409);
        assertEquals("LEASE_EXPIRED", problem.getString("reason"));
        assertEquals(1, read(id).getJsonNumber("value").longValue(), "the transaction must have been rolled back");

        JsonObject quick = post("/counters/" + id + "/slow-increment?pause=0", 200);
        assertEquals(2, quick.getJsonNumber("value").longValue());
    }

    @Test
    void injectedLocksGiveGrowingFencingTokensStoredWithTheWrite() throws Exception {
        String id = newCounter();
        long first = post("/counters/" + id + "/fenced-set?value=7", 200).getJsonNumber("token").longValue();
        long second = post("/counters/" + id + "/fenced-set?value=8", 200).getJsonNumber("token").longValue();
        assertTrue(second > first, second + " after " + first);
        JsonObject state = read(id);
        assertEquals(8, state.getJsonNumber("value").longValue());
        assertEquals(second, state.getJsonNumber("fencingToken").longValue());
    }

    private String newCounter() throws Exception {
        String id = UUID.randomUUID().toString();
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/counters/" + id))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, created.statusCode(), created.body());
        return id;
    }

    private JsonObject read(String id) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/counters/" + id)).GET());
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private JsonObject post(String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(expectedStatus, response.statusCode(), () -> "POST " + path + " on " + System.getProperty("server.name")
                + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("server.http.port") + "/lock-probe/api" + path);
    }
}
