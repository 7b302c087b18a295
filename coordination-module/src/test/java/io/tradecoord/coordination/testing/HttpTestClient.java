package io.tradecoord.coordination.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

/**
 * The tests' HTTP client for a deployed module or EAR: one JDK client speaking HTTP/1.1 (over an h2c-upgraded
 * connection Grizzly never completes an early 413 of a large body), bodies as text, answers as {@link Reply}s that
 * read JSON and assert statuses and RFC 9457 problems. The modules' test clients (and the EAR's) wrap it. Every request
 * carries a bearer token: {@link DevTokens#staff()} unless the client was made {@link #as} someone else.
 */
public final class HttpTestClient {

    public static final String JSON = "application/json";
    public static final String PROBLEM = "application/problem+json";

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final URI base;
    private final String token;

    /** Paths resolve against {@code base}: {@code "/x"} from the server root, {@code "x"} below the base's path. HTTP/1.1. */
    public HttpTestClient(URI base) {
        this(base, HttpClient.Version.HTTP_1_1);
    }

    /**
     * With the JDK client's {@code version}: HTTP/2 (its default) tries an upgrade first and sends header values as the
     * HTTP/2 path encodes them, so a test that sends a non-ASCII header sees the server refuse it rather than receive
     * it mangled into ASCII.
     */
    public HttpTestClient(URI base, HttpClient.Version version) {
        this(HttpClient.newBuilder().version(version).connectTimeout(Duration.ofSeconds(10)).build(), base, DevTokens.staff());
    }

    private HttpTestClient(HttpClient http, URI base, String token) {
        this.http = http;
        this.base = base;
        this.token = token;
    }

    /** The same client sending {@code bearerToken} ({@link DevTokens}); {@code null}: no Authorization header. */
    public HttpTestClient as(String bearerToken) {
        return new HttpTestClient(http, base, bearerToken);
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    public Reply get(String path) {
        return send("GET", path, null, null, Map.of());
    }

    public Reply post(String path, String json) {
        return send("POST", path, JSON, json, Map.of());
    }

    public Reply post(String path, String json, Map<String, String> headers) {
        return send("POST", path, JSON, json, headers);
    }

    public Reply patch(String path, String contentType, String body) {
        return send("PATCH", path, contentType, body, Map.of());
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null, Map.of());
    }

    /** One request; a {@code null} content type sends no Content-Type header, a {@code null} body no body. */
    public Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null && !headers.containsKey("Authorization")) {
            request.header("Authorization", "Bearer " + token);
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
            throw new IllegalStateException(method + " " + path + ": interrupted", e);
        }
    }

    /** One answer; {@code request} is method and path, for the failure messages. */
    public record Reply(String request, int status, String contentType, String body, HttpHeaders headers) {

        public JsonObject json() {
            return read(JsonReader::readObject, "a JSON object");
        }

        public JsonArray array() {
            return read(JsonReader::readArray, "a JSON array");
        }

        private <T> T read(Function<JsonReader, T> how, String what) {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return how.apply(reader);
            } catch (RuntimeException e) {
                throw new AssertionError(request + " -> " + status + ": not " + what + " (" + contentType + "): " + body, e);
            }
        }

        /** The first value of this header, or {@code null}. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public Reply expect(int expectedStatus) {
            assertEquals(expectedStatus, status, () -> request + " -> " + status + " " + body);
            return this;
        }

        /** Asserts an RFC 9457 problem with this status and a title, and returns it. */
        public JsonObject problem(int expectedStatus) {
            expect(expectedStatus);
            assertTrue(contentType != null && contentType.startsWith(PROBLEM), () -> request + ": content type " + contentType + ", body " + body);
            JsonObject problem = json();
            assertEquals(expectedStatus, problem.getInt("status"), () -> request + ": " + body);
            assertTrue(!problem.getString("title", "").isBlank(), () -> request + ": no title in " + body);
            return problem;
        }

        /** Asserts an RFC 9457 problem with this status and this title, and returns it. */
        public JsonObject problem(int expectedStatus, String title) {
            JsonObject problem = problem(expectedStatus);
            assertEquals(title, problem.getString("title"), () -> request + ": " + body);
            return problem;
        }
    }
}
