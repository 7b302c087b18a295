package io.tradecoord.ear.flow;

import io.tradecoord.coordination.testing.HttpTestClient;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The system as a client sees it: HTTP on 127.0.0.1 against the deployed EAR, JSON in and out. */
final class Api {

    static final String JSON = HttpTestClient.JSON;
    static final Duration PATIENCE = Duration.ofSeconds(120);

    /** The test-only module that records events and holds locks; it takes no token (see {@link #clientFor}). */
    private static final String RECORDER = "/flow-recorder/";

    private final HttpTestClient http;
    private final HttpTestClient recorder;

    /** As the staff (admin and operator), which most tests act as. */
    Api() {
        this(new HttpTestClient(uri("/")));
    }

    private Api(HttpTestClient http) {
        this.http = http;
        this.recorder = http.as(null);
    }

    /** The same API called with {@code bearerToken} ({@code DevTokens}); {@code null}: without a token. */
    Api as(String bearerToken) {
        return new Api(http.as(bearerToken));
    }

    Reply get(String path) {
        return clientFor(path).get(path);
    }

    Reply post(String path, String json) {
        return clientFor(path).post(path, json);
    }

    Reply post(String path, String json, Map<String, String> headers) {
        return clientFor(path).post(path, json, headers);
    }

    Reply patch(String path, String contentType, String body) {
        return clientFor(path).patch(path, contentType, body);
    }

    Reply delete(String path) {
        return clientFor(path).delete(path);
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        return clientFor(path).send(method, path, contentType, body, headers);
    }

    /**
     * The recorder is a WAR without MicroProfile JWT in the same EAR as the JWT modules: on WildFly 39 a bearer token
     * sent to it is answered, now and then, with a bare 500 before any of its code runs (seen on POST and DELETE), so
     * it is called without one.
     */
    private HttpTestClient clientFor(String path) {
        return path.startsWith(RECORDER) ? recorder : http;
    }

    /** Polls {@code GET path} until its JSON object satisfies {@code condition}. */
    JsonObject await(String path, Predicate<JsonObject> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (last.status() == 200 && condition.test(last.json())) {
                return last.json();
            }
            pause(200);
        }
        throw new AssertionError("timed out on " + System.getProperty("server.name") + " waiting for " + what + "; last " + path + ": "
                + (last == null ? "none" : last.status() + " " + last.body()) + "\n" + ServerLog.recentProblems());
    }

    /** The flow recorder's events of one key (an order id, a SKU, a member id), optionally of one topic. */
    List<JsonObject> events(String key, String topic) {
        String path = "/flow-recorder/api/events?key=" + key + (topic == null ? "" : "&topic=" + topic);
        return get(path).expect(200).array().getValuesAs(JsonObject.class);
    }

    /** Waits until the recorder holds at least {@code count} events of this key and topic. */
    List<JsonObject> awaitEvents(String key, String topic, int count) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<JsonObject> events = List.of();
        while (System.nanoTime() < deadline) {
            events = events(key, topic);
            if (events.size() >= count) {
                return events;
            }
            pause(200);
        }
        throw new AssertionError("timed out on " + System.getProperty("server.name") + " waiting for " + count + " " + topic + " events of "
                + key + "; have " + events + "\n" + ServerLog.recentProblems());
    }

    static JsonObject payload(JsonObject recorded) {
        return recorded.getJsonObject("payload");
    }

    static boolean isNull(JsonObject object, String name) {
        return !object.containsKey(name) || object.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + System.getProperty("server.http.port") + path);
    }
}
