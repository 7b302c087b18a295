package io.tradecoord.inventory.boundary;

import static org.junit.jupiter.api.Assertions.fail;

import io.tradecoord.coordination.testing.HttpTestClient;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The test's HTTP client for one deployment of the inventory module on Payara Micro. */
final class InventoryClient {

    private final HttpTestClient http;

    /**
     * Micro binds HTTP to 127.0.0.1 only (scripts/payara-micro/loopback.asadmin), but the adapter reports the URL
     * with the machine's first non-loopback address: keep its port and path, use loopback.
     */
    InventoryClient(URL baseUrl) {
        this.http = new HttpTestClient(URI.create("http://127.0.0.1:" + baseUrl.getPort() + "/"));
    }

    /** Path from the server root, e.g. {@code /inventory/api/skus}. */
    Reply get(String path) {
        return http.get(path);
    }

    Reply postJson(String path, String json) {
        return http.post(path, json);
    }

    /** A JSON POST with an {@code Idempotency-Key}. */
    Reply postJson(String path, String json, String idempotencyKey) {
        return http.post(path, json, Map.of("Idempotency-Key", idempotencyKey));
    }

    /** A POST with this content type ({@code null}: none). */
    Reply post(String path, String contentType, String body) {
        return http.send("POST", path, contentType, body, Map.of());
    }

    Reply delete(String path) {
        return http.delete(path);
    }

    /** Whether the answer is a replay of an earlier one (header {@code Idempotent-Replayed: true}). */
    static boolean replayed(Reply reply) {
        return Boolean.parseBoolean(reply.header("Idempotent-Replayed"));
    }

    /** Waits up to 30 s for {@code condition}, polling. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
