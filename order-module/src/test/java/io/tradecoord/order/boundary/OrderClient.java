package io.tradecoord.order.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The order module's HTTP API as a test client sees it, on 127.0.0.1 (JSON in, JSON out). */
final class OrderClient {

    static final String JSON = "application/json";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;
    private final String serverRoot;

    /**
     * Micro binds HTTP to 127.0.0.1 only (scripts/payara-micro/loopback.asadmin), but the Arquillian adapter reports
     * the URL with the machine's first non-loopback address: keep its port and path, use loopback.
     */
    OrderClient(URL deployment) {
        this.serverRoot = "http://127.0.0.1:" + deployment.getPort();
        this.root = serverRoot + deployment.getPath().replaceAll("/$", "");
    }

    record Reply(String request, int status, String contentType, String body, HttpHeaders headers) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        Reply expect(int expected) {
            assertEquals(expected, status, () -> request + " -> " + status + " " + body);
            return this;
        }

        /** Asserts an RFC 9457 problem with this status and returns it. */
        JsonObject problem(int expected) {
            assertEquals(expected, status, () -> request + " -> " + status + " " + body);
            assertTrue(contentType != null && contentType.startsWith("application/problem+json"),
                    () -> request + ": content type " + contentType + ", body " + body);
            JsonObject problem = json();
            assertEquals(expected, problem.getInt("status"), () -> request + ": " + body);
            assertEquals("about:blank", problem.getString("type", null), () -> request + ": " + body);
            assertTrue(!problem.getString("title", "").isBlank(), () -> request + ": no title in " + body);
            return problem;
        }
    }

    String url(String path) {
        return root + path;
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

    /** A GET outside the module's context root, e.g. the server's /openapi. */
    Reply fromServerRoot(String path, Map<String, String> headers) {
        return send(URI.create(serverRoot + path), "GET", null, null, headers);
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        return send(URI.create(root + path), method, contentType, body, headers);
    }

    private Reply send(URI uri, String method, String contentType, String body, Map<String, String> headers) {
        String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(method + " " + path, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // --- the module's steps

    static String orderJson(String memberId, Object... skuThenQuantity) {
        StringBuilder json = new StringBuilder("{\"memberId\":\"").append(memberId).append("\",\"lines\":[");
        for (int i = 0; i < skuThenQuantity.length; i += 2) {
            json.append(i == 0 ? "" : ",").append("{\"sku\":\"").append(skuThenQuantity[i]).append("\",\"quantity\":")
                    .append(skuThenQuantity[i + 1]).append('}');
        }
        return json.append("]}").toString();
    }

    /** A member the order module knows: announced as the member module would (member.registered), then awaited. */
    String knownMember(String memberId) {
        post("/api/test-support/member-registered", "{\"memberId\":\"" + memberId + "\"}").expect(204);
        await("/api/known-members/" + memberId, known -> memberId.equals(known.getString("memberId")), "the order module learns " + memberId);
        return memberId;
    }

    /** Places an order and returns it (202, PENDING). */
    JsonObject place(String memberId, Object... skuThenQuantity) {
        Reply placed = post("/api/orders", orderJson(memberId, skuThenQuantity)).expect(202);
        assertEquals("PENDING", placed.json().getString("status"), placed.body());
        return placed.json();
    }

    JsonObject order(String id) {
        return get("/api/orders/" + id).expect(200).json();
    }

    JsonObject awaitStatus(String id, String status) {
        return await("/api/orders/" + id, o -> status.equals(o.getString("status")), "order " + id + " to be " + status);
    }

    /** The inventory's answer "reserved", at these unit prices (sku, price pairs; quantities taken from the order). */
    void reserve(String orderId, JsonObject order, Map<String, String> unitPrices) {
        StringBuilder lines = new StringBuilder();
        for (JsonObject line : order.getJsonArray("lines").getValuesAs(JsonObject.class)) {
            lines.append(lines.length() == 0 ? "" : ",").append("{\"sku\":\"").append(line.getString("sku")).append("\",\"quantity\":")
                    .append(line.getInt("quantity")).append(",\"unitPrice\":").append(unitPrices.get(line.getString("sku"))).append('}');
        }
        post("/api/test-support/inventory-reserved", "{\"orderId\":\"" + orderId + "\",\"lines\":[" + lines + "]}").expect(204);
    }

    void rejectShort(String orderId, String sku, int requested, int available) {
        post("/api/test-support/inventory-rejected", "{\"orderId\":\"" + orderId + "\",\"reason\":\"insufficient stock\",\"shortLines\":[{\"sku\":\""
                + sku + "\",\"requested\":" + requested + ",\"available\":" + available + ",\"known\":true}]}").expect(204);
    }

    /** Place, then let the inventory reserve at these prices, and wait until CONFIRMED. */
    JsonObject confirmed(String memberId, Map<String, String> unitPrices, Object... skuThenQuantity) {
        JsonObject placed = place(memberId, skuThenQuantity);
        String id = placed.getString("orderId");
        reserve(id, placed, unitPrices);
        return awaitStatus(id, "CONFIRMED");
    }

    List<JsonObject> events(String orderId, String topic) {
        return get("/api/test-support/events?orderId=" + orderId + (topic == null ? "" : "&topic=" + topic)).expect(200).array()
                .getValuesAs(JsonObject.class);
    }

    List<JsonObject> awaitEvents(String orderId, String topic, int count) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        List<JsonObject> events = List.of();
        while (System.nanoTime() < deadline) {
            events = events(orderId, topic);
            if (events.size() >= count) {
                return events;
            }
            pause(100);
        }
        throw new AssertionError("timed out waiting for " + count + " " + topic + " events of " + orderId + "; have " + events);
    }

    JsonObject counts() {
        return get("/api/test-support/counts").expect(200).json();
    }

    /** Waits until the in-JVM bus has delivered every event fired so far (the outbox holds no unsent row). */
    void awaitQuiet() {
        await("/api/test-support/counts", c -> c.getInt("unsentEvents") == 0, "every event to be delivered");
    }

    JsonObject await(String path, Predicate<JsonObject> condition, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Reply last = null;
        while (System.nanoTime() < deadline) {
            last = get(path);
            if (last.status() == 200 && condition.test(last.json())) {
                return last.json();
            }
            pause(100);
        }
        throw new AssertionError("timed out waiting for " + what + "; last " + path + ": " + (last == null ? "none" : last.status() + " " + last.body()));
    }

    static JsonObject payload(JsonObject recorded) {
        return recorded.getJsonObject("payload");
    }

    static boolean isNull(JsonObject object, String name) {
        return object.containsKey(name) && object.get(name).getValueType() == JsonValue.ValueType.NULL;
    }

    static List<String> statuses(JsonObject order) {
        return order.getJsonArray("history").getValuesAs(JsonObject.class).stream().map(h -> h.getString("status")).toList();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
