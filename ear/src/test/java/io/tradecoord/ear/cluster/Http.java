package io.tradecoord.ear.cluster;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import io.tradecoord.coordination.testing.DevTokens;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP to the nodes, as a client sees them (the product's modules with the staff's bearer token); an answer
 * that never came is an empty Optional, not an exception.
 */
final class Http {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = DevTokens.staff();
    /**
     * Only the product's modules take the token: on WildFly 39 the test probes' WARs, which have no MicroProfile JWT,
     * answer a request carrying one with a bare 500 now and then.
     */
    private static final java.util.regex.Pattern PRODUCT_PATH = java.util.regex.Pattern.compile("/(order|inventory|member)/");

    record Reply(String request, int status, String body) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        Reply expect(int expected) {
            if (status != expected) {
                throw new AssertionError(request + " -> " + status + " " + body + " (expected " + expected + ")");
            }
            return this;
        }
    }

    Reply get(String url) {
        return send("GET", url, null, Map.of(), Duration.ofSeconds(60)).orElseThrow(() -> new AssertionError("GET " + url + ": no answer"));
    }

    Reply post(String url, String json) {
        return post(url, json, Map.of()).orElseThrow(() -> new AssertionError("POST " + url + ": no answer"));
    }

    Optional<Reply> post(String url, String json, Map<String, String> headers) {
        return send("POST", url, json, headers, Duration.ofSeconds(60));
    }

    Optional<Reply> send(String method, String url, String json, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (PRODUCT_PATH.matcher(URI.create(url).getPath()).lookingAt()) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return Optional.of(new Reply(method + " " + url, response.statusCode(), response.body()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
