package io.tradecoord.inventory.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The test's HTTP client for one deployment of the inventory module on Payara Micro. */
final class InventoryClient {

    // HTTP/1.1 as curl speaks it: over an h2c-upgraded connection Grizzly never completes an early 413 of a large body
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String root;

    /**
     * Micro binds HTTP to 127.0.0.1 only (scripts/payara-micro/loopback.asadmin), but the adapter reports the URL
     * with the machine's first non-loopback address: keep its port and path, use loopback.
     */
    InventoryClient(URL baseUrl) {
        this.root = "http://127.0.0.1:" + baseUrl.getPort();
    }

    /** Path from the server root, e.g. {@code /inventory/api/skus}. */
    Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Reply postJson(String path, String json) {
        return post(path, "application/json", json);
    }

    /** A JSON POST with an {@code Idempotency-Key}. */
    Reply postJson(String path, String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey));
    }

    Reply post(String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers().firstValue("Idempotent-Replayed").map(Boolean::parseBoolean).orElse(false));
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    URI uri(String path) {
        return URI.create(root + path);
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

    /** One HTTP response. */
    record Reply(int status, String contentType, String location, String body, boolean replayed) {

        JsonObject json() {
            return (JsonObject) parse();
        }

        JsonArray array() {
            return (JsonArray) parse();
        }

        private JsonStructure parse() {
            try {
                return Json.createReader(new StringReader(body)).read();
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON (status " + status + ", " + contentType + "): " + body, e);
            }
        }

        Reply expect(int expected) {
            assertEquals(expected, status, () -> "status; body: " + body);
            return this;
        }

        /** An RFC 9457 problem with this status and title; returns it for further checks. */
        JsonObject problem(int expected, String title) {
            expect(expected);
            assertTrue(contentType.startsWith("application/problem+json"), () -> "problem content type, was " + contentType + ": " + body);
            JsonObject problem = json();
            assertEquals(expected, problem.getInt("status"), body);
            assertEquals(title, problem.getString("title"), body);
            return problem;
        }
    }
}
