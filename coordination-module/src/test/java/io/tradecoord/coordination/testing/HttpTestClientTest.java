package io.tradecoord.coordination.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shared test client against the JDK's own HTTP server on a free loopback port: paths, requests, assertions. */
class HttpTestClientTest {

    private static HttpServer server;
    private static HttpTestClient client;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", HttpTestClientTest::answer);
        server.start();
        client = new HttpTestClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/module/api/"));
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** Echoes the request as JSON; {@code /problem/<status>} and {@code /bare/<status>} answer with that status. */
    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = 200;
        String contentType = HttpTestClient.JSON;
        String answer = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"path\":\"" + path + "\",\"query\":\""
                + exchange.getRequestURI().getRawQuery() + "\",\"contentType\":\"" + exchange.getRequestHeaders().getFirst("Content-Type")
                + "\",\"key\":\"" + exchange.getRequestHeaders().getFirst("Idempotency-Key") + "\",\"body\":\"" + body + "\"}";
        if (path.startsWith("/problem/")) {
            status = Integer.parseInt(path.substring("/problem/".length()));
            contentType = HttpTestClient.PROBLEM;
            answer = "{\"type\":\"about:blank\",\"title\":\"Conflict\",\"status\":" + status + "}";
        } else if (path.startsWith("/bare/")) {
            status = Integer.parseInt(path.substring("/bare/".length()));
            answer = "[1,2]";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.getResponseHeaders().add("Idempotent-Replayed", "true");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Test
    void relativePathsResolveBelowTheBaseAndAbsoluteOnesFromTheServerRoot() {
        assertEquals("/module/api/members", client.get("members?page=1").expect(200).json().getString("path"));
        assertEquals("page=1", client.get("members?page=1").json().getString("query"));
        assertEquals("/openapi", client.get("/openapi").json().getString("path"));
        assertEquals(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/health/ready"), client.uri("/health/ready"));
    }

    @Test
    void sendsMethodContentTypeBodyAndHeaders() {
        var posted = client.post("orders", "{}", Map.of("Idempotency-Key", "k1")).expect(200).json();
        assertEquals("POST", posted.getString("method"));
        assertEquals(HttpTestClient.JSON, posted.getString("contentType"));
        assertEquals("k1", posted.getString("key"));
        assertEquals("{}", posted.getString("body"));

        var patched = client.patch("members/1", "application/merge-patch+json", "x").json();
        assertEquals("PATCH", patched.getString("method"));
        assertEquals("application/merge-patch+json", patched.getString("contentType"));

        var deleted = client.delete("members/1").json();
        assertEquals("DELETE", deleted.getString("method"));
        assertEquals("null", deleted.getString("contentType"), "no body, no content type");
    }

    @Test
    void aReplyNamesItsRequestAndReadsHeadersAndArrays() {
        Reply reply = client.get("/bare/200");
        assertEquals("GET /bare/200", reply.request());
        assertEquals(HttpTestClient.JSON, reply.contentType());
        assertEquals("true", reply.header("Idempotent-Replayed"));
        assertNull(reply.header("Location"));
        assertEquals(2, reply.array().size());
    }

    @Test
    void problemsAreAssertedWithStatusContentTypeAndTitle() {
        assertEquals("Conflict", client.get("/problem/409").problem(409).getString("title"));
        assertEquals(409, client.get("/problem/409").problem(409, "Conflict").getInt("status"));

        AssertionError wrongStatus = assertThrows(AssertionError.class, () -> client.get("/problem/409").problem(400));
        assertTrue(wrongStatus.getMessage().startsWith("GET /problem/409 -> 409 "), wrongStatus.getMessage());
        assertThrows(AssertionError.class, () -> client.get("/problem/409").problem(409, "Gone"));
        AssertionError notAProblem = assertThrows(AssertionError.class, () -> client.get("/bare/404").problem(404));
        assertTrue(notAProblem.getMessage().contains("content type " + HttpTestClient.JSON), notAProblem.getMessage());
        AssertionError notAnObject = assertThrows(AssertionError.class, () -> client.get("/bare/200").json());
        assertTrue(notAnObject.getMessage().contains("[1,2]"), notAnObject.getMessage());
    }

    @Test
    void aFailedConnectionNamesMethodAndPath() throws IOException {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpTestClient nowhere = new HttpTestClient(URI.create("http://127.0.0.1:" + closed + "/"));
        UncheckedIOException failed = assertThrows(UncheckedIOException.class, () -> nowhere.get("/x"));
        assertEquals("GET /x", failed.getMessage());
    }
}
