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

    private int send(String id, String text, boolean fail) throws Exception {
        URI uri = uri("/bus-producer/api/greetings?id=" + id + "&text=" + text + "&fail=" + fail);
        return http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
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
