package io.tradecoord.member.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The HTTP calls of the member IT: plain JDK client, HTTP/1.1, bodies as text. */
final class HttpCalls {

    static final String JSON = "application/json";
    static final String MERGE_PATCH = "application/merge-patch+json";
    static final String PROBLEM = "application/problem+json";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final URI api;

    HttpCalls(URI api) {
        this.api = api;
    }

    URI uri(String path) {
        return api.resolve(path);
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> patch(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType).method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    static JsonObject object(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readObject();
    }

    static JsonArray array(HttpResponse<String> response) {
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    static JsonObject expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " " + response.request().uri() + ": " + response.body());
        return response.body().isEmpty() ? null : object(response);
    }

    /** Asserts an RFC 9457 answer with {@code status} and returns it. */
    static JsonObject expectProblem(int status, HttpResponse<String> response) {
        String what = response.request().method() + " " + response.request().uri() + " -> " + response.statusCode() + " " + response.body();
        assertEquals(status, response.statusCode(), what);
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(), what);
        JsonObject problem = object(response);
        assertEquals(status, problem.getInt("status"), what);
        if (problem.getString("title", "").isBlank()) {
            fail("a problem has a title: " + what);
        }
        return problem;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited 60 s in vain for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what);
            }
        }
    }
}
