package io.tradecoord.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.ear.busprobe.consumer.ConsumerApplication;
import io.tradecoord.ear.busprobe.producer.ProducerApplication;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two module WARs of the EAR exchange an integration event end to end on a real server and on the configured
 * bus backend (local, RabbitMQ or Kafka: one Failsafe execution each): the producer fires a plain CDI event in
 * its transaction, the consumer observes its own type with {@code @Observes @Incoming} and writes with JPA.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BusInContainerIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Deployment(testable = false)
    static EnterpriseArchive earWithBusProbes() {
        return ProbeEar.withProbes(
                ShrinkWrap.create(WebArchive.class, "bus-producer.war").addPackage(ProducerApplication.class.getPackage()),
                ShrinkWrap.create(WebArchive.class, "bus-consumer.war").addPackage(ConsumerApplication.class.getPackage())
                        .addAsResource("busprobe/persistence.xml", "META-INF/persistence.xml"));
    }

    @Test
    void aCommittedEventCrossesModulesARolledBackOneNever() throws Exception {
        String committed = UUID.randomUUID().toString();
        String rolledBack = UUID.randomUUID().toString();
        assertEquals(202, send(committed, "hello", false));
        assertEquals(409, send(rolledBack, "never", true));

        JsonArray received = await(array -> contains(array, committed), "the committed greeting arrives");
        assertEquals("hello", find(received, committed).getString("text"));
        Thread.sleep(1_000);
        assertTrue(!contains(get("/bus-consumer/api/received").asJsonArray(), rolledBack), "a rolled-back event is never sent");
    }

    @Test
    void aFailingObserverDeadLettersTheEventWhichCanBeReplayed() throws Exception {
        put("/bus-consumer/api/poison?refuse=true");
        String poison = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        assertEquals(202, send(poison, "poison", false));
        assertEquals(202, send(after, "after", false));

        await(array -> contains(array, after), "later events keep flowing");
        JsonArray letters = awaitDeadLetter();
        JsonObject letter = letters.getJsonObject(0);
        assertEquals("probe.greeting", letter.getString("topic"));
        assertTrue(letter.getString("error").contains("the observer refuses poison"), letter.getString("error"));
        assertTrue(!contains(get("/bus-consumer/api/received").asJsonArray(), poison), "the failed attempts were rolled back");

        JsonObject replay = post("/bus-consumer/api/dead-letters/" + letter.getJsonNumber("id").longValue() + "/replay");
        assertTrue(replay.getBoolean("applied"));
        assertTrue(contains(get("/bus-consumer/api/received").asJsonArray(), poison), "the replay applied it");
    }

    @Test
    void aQualifiedEventIsCarriedLikeAnyOther() throws Exception {
        String urgent = UUID.randomUUID().toString();
        assertEquals(202, send("?firing=QUALIFIED&id=" + urgent + "&text=urgent").statusCode());
        await(array -> contains(array, urgent), "the qualified greeting arrives");
    }

    @Test
    void anAsynchronousFireIsRefusedLoudlyNotLost() throws Exception {
        String async = UUID.randomUUID().toString();
        HttpResponse<String> response = send("?firing=ASYNC&id=" + async + "&text=async");
        assertEquals(409, response.statusCode(), "the async fire's stage fails: " + response.body());
        String marker = UUID.randomUUID().toString();
        assertEquals(202, send(marker, "marker", false));
        await(array -> contains(array, marker), "a later greeting arrives");
        assertTrue(!contains(get("/bus-consumer/api/received").asJsonArray(), async), "nothing was sent for the refused fire");
    }

    @Test
    void anEventOverTheSizeLimitFailsTheTransactionThatFiresIt() throws Exception {
        String large = UUID.randomUUID().toString();
        HttpResponse<String> response = send("?id=" + large + "&size=1100000");
        assertEquals(409, response.statusCode());
        assertTrue(response.body().contains("EventTooLargeException"), response.body());
        String marker = UUID.randomUUID().toString();
        assertEquals(202, send(marker, "marker", false));
        await(array -> contains(array, marker), "a later greeting arrives");
        assertTrue(!contains(get("/bus-consumer/api/received").asJsonArray(), large), "the large event never left");
    }

    @Test
    void deadLettersAreListedInspectedReplayedAndDiscardedOverTheLibrarysRestApi() throws Exception {
        String api = "/bus-consumer/api/coordination/dead-letters";
        put("/bus-consumer/api/poison?refuse=true");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        assertEquals(202, send(first, "poison", false));
        assertEquals(202, send(second, "poison", false));
        JsonObject page = awaitJson(api + "?pending=true&size=100", o -> ids(o).contains(first) && ids(o).contains(second));
        assertTrue(page.getJsonNumber("totalItems").longValue() >= 2, page.toString());
        JsonObject summary = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> first.equals(o.getString("key"))).findFirst().orElseThrow();
        assertEquals("DELIVERY", summary.getString("stage"));
        assertEquals("probe.greeting", summary.getString("topic"));
        long firstId = summary.getJsonNumber("id").longValue();
        long secondId = page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .filter(o -> second.equals(o.getString("key"))).findFirst().orElseThrow().getJsonNumber("id").longValue();

        JsonObject detail = Json.createReader(new StringReader(call("GET", api + "/" + firstId, 200).body())).readObject();
        assertTrue(detail.getString("payload").contains("poison"), detail.toString());
        assertProblem(call("GET", api + "/no-such-id", 404));
        assertProblem(call("GET", api + "?page=x", 400));
        assertProblem(call("GET", api + "?pending=maybe", 400));
        assertProblem(call("POST", api + "/" + Long.MAX_VALUE / 2 + "/replay", 404));

        put("/bus-consumer/api/poison?refuse=false"); // the cause is fixed
        HttpResponse<String> replayed = call("POST", api + "/" + firstId + "/replay", 200);
        assertTrue(replayed.body().contains("\"applied\":true"), replayed.body());
        assertTrue(contains(get("/bus-consumer/api/received").asJsonArray(), first), "the replay applied it");
        assertTrue(call("POST", api + "/" + firstId + "/replay", 200).body().contains("\"applied\":false"), "a second replay finds it applied");

        call("DELETE", api + "/" + secondId, 204);
        assertProblem(call("GET", api + "/" + secondId, 404));
        assertProblem(call("DELETE", api + "/" + secondId, 404));
        assertTrue(!contains(get("/bus-consumer/api/received").asJsonArray(), second), "a discarded letter is not applied");
    }

    private static java.util.Set<String> ids(JsonObject page) {
        return page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("key", ""))
                .collect(java.util.stream.Collectors.toSet());
    }

    private JsonObject awaitJson(String path, Predicate<JsonObject> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            last = Json.createReader(new StringReader(call("GET", path, 200).body())).readObject();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out on " + System.getProperty("server.name") + ": " + path + " last answered " + last);
    }

    private void put(String path) throws Exception {
        call("PUT", path, 204);
    }

    private HttpResponse<String> call(String method, String path, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), method + " " + path + " answered " + response.body());
        return response;
    }

    private static void assertProblem(HttpResponse<String> response) {
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                "content type " + response.headers().firstValue("Content-Type") + ": " + response.body());
    }

    private int send(String id, String text, boolean fail) throws Exception {
        return send("?id=" + id + "&text=" + text + "&fail=" + fail).statusCode();
    }

    private HttpResponse<String> send(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/bus-producer/api/greetings" + query)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonArray await(Predicate<JsonArray> condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray received = get("/bus-consumer/api/received").asJsonArray();
            if (condition.test(received)) {
                return received;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out on " + System.getProperty("server.name") + ": " + what);
    }

    private JsonArray awaitDeadLetter() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonArray letters = get("/bus-consumer/api/dead-letters").asJsonArray();
            if (!letters.isEmpty()) {
                return letters;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no dead letter on " + System.getProperty("server.name"));
    }

    private static boolean contains(JsonArray received, String id) {
        return find(received, id) != null;
    }

    private static JsonObject find(JsonArray received, String id) {
        List<JsonObject> matches = received.getValuesAs(JsonObject.class).stream().filter(o -> o.getString("id").equals(id)).toList();
        return matches.isEmpty() ? null : matches.get(0);
    }

    private jakarta.json.JsonValue get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> "GET " + path + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readValue();
    }

    private JsonObject post(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> "POST " + path + ": " + response.body());
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("server.http.port") + path);
    }
}
