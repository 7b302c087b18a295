package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The business steps the flow tests are written in, on top of {@link Api}. Every name it creates is unique per run. */
final class Shop {

    final Api api = new Api();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** A SKU code unique to this test run. */
    String skuCode(String name) {
        return name + "-" + run + "-" + UUID.randomUUID().toString().substring(0, 4);
    }

    String createSku(String name, String unitPrice, int stock) {
        String code = skuCode(name);
        HttpTestClient.Reply created = api.post("/inventory/api/skus",
                "{\"sku\":\"%s\",\"name\":\"%s\",\"unitPrice\":%s,\"initialStock\":%d}".formatted(code, name, unitPrice, stock)).expect(201);
        assertNotNull(created.header("Location"), "Location of the new SKU");
        return code;
    }

    JsonObject sku(String code) {
        return api.get("/inventory/api/skus/" + code).expect(200).json();
    }

    /** Registers a member and waits until the order module knows it (it learns members from member.* events). */
    String member() {
        String email = "buyer-" + UUID.randomUUID() + "@example.com";
        String id = api.post("/member/api/members", "{\"email\":\"%s\",\"displayName\":\"Buyer %s\"}".formatted(email, run))
                .expect(201).json().getString("memberId");
        api.await("/order/api/known-members/" + id, known -> true, "the order module learns member " + id);
        return id;
    }

    /** Places an order of {@code lines} (sku, quantity pairs) and returns its id. */
    String place(String memberId, Map<String, Integer> lines) {
        return placeWith(memberId, lines, Map.of()).json().getString("orderId");
    }

    /**
     * Places an order as a client that honours backpressure would: a 503 "Too many orders waiting" (order.max-pending)
     * is waited out for its Retry-After and the same request (same Idempotency-Key) sent again.
     */
    String placeWaitingOutBackpressure(String memberId, Map<String, Integer> lines) {
        Map<String, String> key = Map.of("Idempotency-Key", "busy-" + UUID.randomUUID());
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            HttpTestClient.Reply reply = api.post("/order/api/orders", orderJson(memberId, lines), key);
            if (reply.status() != 503 || System.nanoTime() > deadline) {
                return reply.expect(202).json().getString("orderId");
            }
            try {
                TimeUnit.SECONDS.sleep(Long.parseLong(reply.header("Retry-After")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    HttpTestClient.Reply placeWith(String memberId, Map<String, Integer> lines, Map<String, String> headers) {
        HttpTestClient.Reply placed = api.post("/order/api/orders", orderJson(memberId, lines), headers).expect(202);
        assertEquals("PENDING", placed.json().getString("status"), placed.body());
        assertNotNull(placed.header("Location"), "Location of the new order");
        return placed;
    }

    static String orderJson(String memberId, Map<String, Integer> lines) {
        StringBuilder json = new StringBuilder("{\"memberId\":\"").append(memberId).append("\",\"lines\":[");
        lines.forEach((sku, quantity) -> json.append("{\"sku\":\"").append(sku).append("\",\"quantity\":").append(quantity).append("},"));
        json.setLength(json.length() - 1);
        return json.append("]}").toString();
    }

    JsonObject order(String id) {
        return api.get("/order/api/orders/" + id).expect(200).json();
    }

    /** Waits until the order has left PENDING and returns it. */
    JsonObject settled(String id) {
        return api.await("/order/api/orders/" + id, o -> !"PENDING".equals(o.getString("status")), "order " + id + " to leave PENDING");
    }

    JsonObject awaitStatus(String id, String status) {
        return api.await("/order/api/orders/" + id, o -> status.equals(o.getString("status")), "order " + id + " to be " + status);
    }

    HttpTestClient.Reply pay(String id, String amount) {
        return api.post("/order/api/orders/" + id + "/payment", "{\"amount\":" + amount + "}");
    }

    HttpTestClient.Reply ship(String id) {
        return api.send("POST", "/order/api/orders/" + id + "/shipment", null, null, Map.of());
    }

    HttpTestClient.Reply cancel(String id) {
        return api.post("/order/api/orders/" + id + "/cancellation", "{\"reason\":\"changed my mind\"}");
    }

    JsonObject reservation(String orderId) {
        return api.get("/inventory/api/reservations/" + orderId).expect(200).json();
    }

    /** Takes {@code key} through the test module (/flow-recorder) and keeps it until {@link #releaseLock}: the handler that needs it fails. */
    void holdLock(String key) {
        api.post("/flow-recorder/api/holds?key=" + key, "").expect(204);
    }

    void releaseLock(String key) {
        api.send("DELETE", "/flow-recorder/api/holds?key=" + key, null, null, Map.of()).expect(204);
    }

    /** Waits until the dead-letter API at {@code endpoint} lists a pending letter of {@code topic} with {@code key}. */
    void awaitDeadLetter(String endpoint, String topic, String key) {
        api.await(endpoint + "?pending=true&size=100", page -> page.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .anyMatch(letter -> topic.equals(letter.getString("topic", "")) && key.equals(letter.getString("key", ""))),
                topic + " of " + key + " to be dead-lettered");
    }
}
