package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The system as a client sees it: HTTP on 127.0.0.1 against the deployed EAR, JSON in and out. */
final class Api {

    static final String JSON = "application/json";
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    record Reply(String request, int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** Asserts an RFC 9457 problem with this status and returns it. */
        JsonObject problem(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> request + " -> " + status + " " + body);
            assertTrue(contentType != null && contentType.startsWith("application/problem+json"), () -> request + ": content type " + contentType + ", body " + body);
            JsonObject problem = json();
            assertEquals(expectedStatus, problem.getInt("status"), () -> request + ": " + body);
            assertTrue(!problem.getString("title", "").isBlank(), () -> request + ": no title in " + body);
            return problem;
        }

        Reply expect(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> request + " -> " + status + " " + body);
            return this;
        }
    }

    Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    Reply post(String path, String json) {
        return send("POST", path, JSON, json, Map.of());
    }

    Reply post(String path, String json, Map<String, String> headers) {
        return send("POST", path, JSON, json, headers);
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
