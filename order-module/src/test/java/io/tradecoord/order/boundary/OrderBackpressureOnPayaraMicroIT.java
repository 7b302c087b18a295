package io.tradecoord.order.boundary;

import static io.tradecoord.order.boundary.OrderClient.orderJson;
import static io.tradecoord.order.boundary.OrderClient.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import jakarta.json.JsonObject;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Backpressure on the micro WAR configured with {@code order.max-pending=3}: the inventory here answers only when the
 * test says so, so orders stay PENDING until then. Past the ceiling, placing answers 503 with Retry-After and stores
 * nothing; once an answer arrives, placing goes on, and the refused request's key was not spent.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderBackpressureOnPayaraMicroIT {

    private static final int MAX_PENDING = 3;
    private static final String ORDERS = "/api/orders";

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWars.withTestSupport("order.max-pending=" + MAX_PENDING + "\n");
    }

    @ArquillianResource
    URL baseUrl;

    @Test
    void pastTheCeilingOfPendingOrdersPlacingAnswers503AndStoresNothingUntilTheSagaCatchesUp() {
        OrderClient api = new OrderClient(baseUrl);
        String member = api.knownMember("m-" + UUID.randomUUID());
        List<JsonObject> pending = new ArrayList<>();
        for (int i = 0; i < MAX_PENDING; i++) {
            pending.add(api.place(member, "SKU-B", 1));
        }

        Map<String, String> key = Map.of("Idempotency-Key", "backpressure-" + UUID.randomUUID());
        Reply refused = api.post(ORDERS, orderJson(member, "SKU-B", 2), key);
        JsonObject problem = problem(503, refused);
        assertEquals("Too many orders waiting", problem.getString("title"), refused.body());
        assertEquals(MAX_PENDING, problem.getInt("maxPending"), refused.body());
        assertTrue(problem.getInt("pending") >= MAX_PENDING, refused.body());
        assertNotNull(refused.header("Retry-After"), "a 503 says when to retry");
        problem(503, api.post("/api/order-batches", "{\"memberId\":\"" + member + "\",\"orders\":[{\"reference\":\"a\","
                + "\"lines\":[{\"sku\":\"SKU-B\",\"quantity\":1}],\"dependsOn\":[]}]}"));
        assertEquals(MAX_PENDING, api.get(ORDERS + "?memberId=" + member).expect(200).json().getInt("totalItems"), "nothing stored");

        JsonObject first = pending.get(0);
        api.reserve(first.getString("orderId"), first, Map.of("SKU-B", "1.00"));
        api.awaitStatus(first.getString("orderId"), "CONFIRMED");
        Reply accepted = retryWhile503(api, member, key);
        assertEquals(202, accepted.status(), accepted.body());
        assertEquals("PENDING", accepted.json().getString("status"));
        Reply again = api.post(ORDERS, orderJson(member, "SKU-B", 2), key).expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"), "the refused attempt did not spend the key");
        assertEquals(accepted.json().getString("orderId"), again.json().getString("orderId"));
        assertEquals(MAX_PENDING + 1, api.get(ORDERS + "?memberId=" + member).expect(200).json().getInt("totalItems"));
    }

    /** As a client honouring Retry-After would, but sooner: the node recounts within 100 ms. */
    private static Reply retryWhile503(OrderClient api, String member, Map<String, String> key) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Reply reply;
        do {
            OrderClient.pause(100);
            reply = api.post(ORDERS, orderJson(member, "SKU-B", 2), key);
        } while (reply.status() == 503 && System.nanoTime() < deadline);
        return reply;
    }
}
