package io.tradecoord.member.boundary;

import static org.junit.jupiter.api.Assertions.fail;

import io.tradecoord.coordination.testing.HttpTestClient;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import jakarta.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** The HTTP calls of the member IT: the shared test client, paths below the module's {@code api/} (or from the server root). */
final class HttpCalls {

    static final String JSON = HttpTestClient.JSON;
    static final String MERGE_PATCH = "application/merge-patch+json";

    private final HttpTestClient http;

    HttpCalls(URI api) {
        this(new HttpTestClient(api));
    }

    private HttpCalls(HttpTestClient http) {
        this.http = http;
    }

    /** The same calls with {@code bearerToken} (DevTokens); {@code null}: without a token. */
    HttpCalls as(String bearerToken) {
        return new HttpCalls(http.as(bearerToken));
    }

    Reply get(String path) {
        return http.get(path);
    }

    Reply post(String path, String contentType, String body) {
        return http.send("POST", path, contentType, body, Map.of());
    }

    Reply patch(String path, String contentType, String body) {
        return http.patch(path, contentType, body);
    }

    Reply send(String method, String path, String contentType, String body, Map<String, String> headers) {
        return http.send(method, path, contentType, body, headers);
    }

    /** Asserts the status and returns the JSON object answered, or {@code null} for an empty body. */
    static JsonObject expect(int status, Reply reply) {
        return reply.expect(status).body().isEmpty() ? null : reply.json();
    }

    /** Asserts an RFC 9457 answer with {@code status} and returns it. */
    static JsonObject expectProblem(int status, Reply reply) {
        return reply.problem(status);
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
