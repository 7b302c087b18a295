package io.tradecoord.ear.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The business steps the two-node tests are written in, each on a chosen node. Names are unique per run. */
final class Trading {

    final Http http = new Http();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    String createSku(int node, String name, int stock) {
        String code = name + "-" + run + "-" + UUID.randomUUID().toString().substring(0, 4);
        http.post(Cluster.url(node) + "/inventory/api/skus",
                "{\"sku\":\"%s\",\"name\":\"%s\",\"unitPrice\":1.00,\"initialStock\":%d}".formatted(code, name, stock)).expect(201);
        return code;
    }

    /** Members registered on {@code node}, once the order module knows them all (it learns them from member.* events). */
    List<String> members(int node, int count) {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(http.post(Cluster.url(node) + "/member/api/members",
                    "{\"email\":\"buyer-%s@example.com\",\"displayName\":\"Buyer %s\"}".formatted(UUID.randomUUID(), run)).expect(201)
                    .json().getString("memberId"));
        }
        for (String id : ids) {
            await(() -> http.get(Cluster.url(node) + "/order/api/known-members/" + id).status() == 200, "the order module learns member " + id);
        }
        return ids;
    }

    static String order(String memberId, String sku, int quantity) {
        return "{\"memberId\":\"%s\",\"lines\":[{\"sku\":\"%s\",\"quantity\":%d}]}".formatted(memberId, sku, quantity);
    }

    /** One order placement as a careful client makes it: an Idempotency-Key, and the same request again on a failure. */
    Optional<Http.Reply> place(int node, String json, String idempotencyKey) {
        return http.post(Cluster.url(node) + "/order/api/orders", json, Map.of("Idempotency-Key", idempotencyKey));
    }

    Optional<Http.Reply> adjust(int node, String sku, int delta) {
        return http.post(Cluster.url(node) + "/inventory/api/skus/" + sku + "/adjustments",
                "{\"delta\":%d,\"reason\":\"cluster test\"}".formatted(delta), Map.of());
    }

    static void await(java.util.function.BooleanSupplier condition, String what) {
        await(condition, what, Duration.ofMinutes(2));
    }

    static void await(java.util.function.BooleanSupplier condition, String what, Duration patience) {
        await(condition, () -> what, patience);
    }

    /** Polls {@code condition} every 200 ms; {@code what} is asked for only when the patience ends. */
    static void await(java.util.function.BooleanSupplier condition, java.util.function.Supplier<String> what, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + patience.toSeconds() + " s waiting for " + what.get());
            }
            sleep(200);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
