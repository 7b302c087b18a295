package io.tradecoord.order.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tradecoord.coordination.testing.HttpTestClient;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The order module's HTTP API as a test client sees it, on 127.0.0.1 (JSON in, JSON out). */
final class OrderClient {

    static final String JSON = HttpTestClient.JSON;
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private final HttpTestClient http;
    private final String contextRoot;
    private final String root;

    /**
     * Micro binds HTTP to 127.0.0.1 only (scripts/payara-micro/loopback.asadmin), but the Arquillian adapter reports
     * the URL with the machine's first non-loopback address: keep its port and path, use loopback.
     */
    OrderClient(URL deployment) {
        String serverRoot = "http://127.0.0.1:" + deployment.getPort();
        this.http = new HttpTestClient(URI.create(serverRoot + "/"), java.net.http.HttpClient.Version.HTTP_2); // as before the shared client
        this.contextRoot = deployment.getPath().replaceAll("/$", "");
        this.root = serverRoot + contextRoot;
    }

    private OrderClient(HttpTestClient http, String contextRoot, String root) {
        this.http = http;
        this.contextRoot = contextRoot;
        this.root = root;
    }

    /** The same client calling with {@code bearerToken} (DevTokens); {@code null}: without a token. */
    OrderClient as(String bearerToken) {
        return new OrderClient(http.as(bearerToken), contextRoot, root);
    }

    /** Asserts an RFC 9457 problem with this status, a title and the type {@code about:blank}, and returns it. */
    static JsonObject problem(int expected, Reply reply) {
        JsonObject problem = reply.problem(expected);
        assertEquals("about:blank", problem.getString("type", null), () -> reply.request() + ": " + reply.body());
        return problem;
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
        return http.send("GET", path, null, null, headers);
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        return http.send(method, contextRoot + path, contentType, body, headers);
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
