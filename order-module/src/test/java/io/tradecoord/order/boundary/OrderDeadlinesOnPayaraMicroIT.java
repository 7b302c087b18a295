package io.tradecoord.order.boundary;

import static io.tradecoord.order.boundary.OrderClient.payload;
import static io.tradecoord.order.boundary.OrderClient.problem;
import static io.tradecoord.order.boundary.OrderClient.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The automatic cancel of orders past a deadline, on the micro WAR configured (through its
 * microprofile-config.properties) with a payment window of 2 s and a placement window of 5 s, scanned every 200 ms:
 * unpaid confirmed orders, and pending orders the inventory never answered (and the batches they belong to).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderDeadlinesOnPayaraMicroIT {

    private static final Duration PAYMENT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PLACEMENT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration KEY_RETENTION = Duration.ofSeconds(2);
    private static final String ORDERS = "/api/orders";

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWars.withTestSupport("order.payment-timeout=" + PAYMENT_TIMEOUT + "\norder.placement-timeout=" + PLACEMENT_TIMEOUT
                + "\norder.expiry-scan-interval=PT0.2S\ncoordination.idempotency.retention-ms=" + KEY_RETENTION.toMillis() + "\n");
    }

    @ArquillianResource
    URL baseUrl;

    private OrderClient api;
    private String member;

    @BeforeEach
    void client() {
        api = new OrderClient(baseUrl);
        member = api.knownMember("m-" + UUID.randomUUID());
    }

    @Test
    void aConfirmedOrderNotPaidInTimeIsCancelledAutomatically() {
        JsonObject confirmed = api.confirmed(member, Map.of("SKU-D", "1.50"), "SKU-D", 2);
        String id = confirmed.getString("orderId");
        assertEquals(PAYMENT_TIMEOUT, Duration.between(Instant.parse(confirmed.getString("updatedAt")), Instant.parse(confirmed.getString("payBy"))),
                "the configured payment timeout");

        JsonObject cancelled = api.awaitStatus(id, "CANCELLED");
        assertEquals(List.of("PENDING", "CONFIRMED", "CANCELLED"), statuses(cancelled));
        assertTrue(cancelled.getString("reason").startsWith("not paid by " + confirmed.getString("payBy")), cancelled.toString());
        assertTrue(!Instant.parse(cancelled.getString("updatedAt")).isBefore(Instant.parse(confirmed.getString("payBy"))), "not cancelled early");
        JsonObject event = payload(api.awaitEvents(id, "order.cancelled", 1).get(0));
        assertTrue(event.getBoolean("automatic"), event.toString());
        assertEquals(cancelled.getString("reason"), event.getString("reason"));

        assertEquals("CANCELLED", problem(409, api.post(ORDERS + "/" + id + "/payment", "{\"amount\":3.00}")).getString("currentStatus"), "too late");
        api.awaitQuiet();
        assertEquals(List.of("order.placed", "order.confirmed", "order.cancelled"), api.events(id, null).stream().map(e -> e.getString("topic")).toList());
    }

    /** An Idempotency-Key is remembered for coordination.idempotency.retention-ms; after that the same request runs anew. */
    @Test
    void anIdempotencyKeyIsForgottenAfterItsRetention() {
        String key = "kept-" + java.util.UUID.randomUUID();
        String body = OrderClient.orderJson(member, "SKU-KEEP", 1);
        String first = api.post(ORDERS, body, Map.of("Idempotency-Key", key)).expect(202).json().getString("orderId");
        HttpTestClient.Reply replayed = api.post(ORDERS, body, Map.of("Idempotency-Key", key)).expect(202);
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        assertEquals(first, replayed.json().getString("orderId"));
        OrderClient.pause(KEY_RETENTION.toMillis() + 500);
        HttpTestClient.Reply anew = api.post(ORDERS, body, Map.of("Idempotency-Key", key)).expect(202);
        assertEquals(null, anew.header("Idempotent-Replayed"), "forgotten: a new request");
        assertTrue(!first.equals(anew.json().getString("orderId")), "a second order");
    }

    /** The inventory never answers (its event was dead-lettered, say): the order ends, and says why. */
    @Test
    void aPendingOrderTheInventoryNeverAnswersIsCancelledAtItsDeadline() {
        JsonObject placed = api.place(member, "SKU-SILENT", 2);
        String id = placed.getString("orderId");
        assertEquals(PLACEMENT_TIMEOUT, Duration.between(Instant.parse(placed.getString("placedAt")), Instant.parse(placed.getString("confirmBy"))),
                "the configured placement timeout");

        JsonObject cancelled = api.awaitStatus(id, "CANCELLED");
        assertEquals(List.of("PENDING", "CANCELLED"), statuses(cancelled));
        assertTrue(cancelled.getString("reason").startsWith("not confirmed by " + placed.getString("confirmBy")), cancelled.toString());
        assertTrue(!Instant.parse(cancelled.getString("updatedAt")).isBefore(Instant.parse(placed.getString("confirmBy"))), "not cancelled early");
        JsonObject event = payload(api.awaitEvents(id, "order.cancelled", 1).get(0));
        assertTrue(event.getBoolean("automatic"), "the inventory releases what it may have reserved: " + event);

        api.reserve(id, placed, Map.of("SKU-SILENT", "1.00")); // the answer, late: changes nothing
        api.awaitQuiet();
        assertEquals("CANCELLED", api.order(id).getString("status"));
        assertEquals(0, api.events(id, "order.confirmed").size());
    }

    /** A batch whose pending order is cancelled at its deadline ends: what waited for it is skipped. */
    @Test
    void aBatchEndsWhenItsPendingOrderIsCancelledAtItsDeadline() {
        String line = "\"lines\":[{\"sku\":\"SKU-SILENT\",\"quantity\":1}]";
        JsonObject batch = api.post("/api/order-batches", "{\"memberId\":\"" + member + "\",\"orders\":[{\"reference\":\"first\"," + line
                + "},{\"reference\":\"then\"," + line + ",\"dependsOn\":[\"first\"]}]}").expect(202).json();
        assertEquals("RUNNING", batch.getString("status"));
        JsonObject ended = api.await("/api/order-batches/" + batch.getString("batchId"), b -> !"RUNNING".equals(b.getString("status")),
                "the batch to end");
        assertEquals("FAILED", ended.getString("status"), ended.toString());
        List<JsonObject> items = ended.getJsonArray("orders").getValuesAs(JsonObject.class);
        assertEquals("CANCELLED", items.get(0).getString("status"), ended.toString());
        assertEquals("SKIPPED", items.get(1).getString("status"), ended.toString());
    }

    /**
     * More overdue orders than one page of the scan that no cancel can write (their rows carry a newer fencing
     * token, as after a lock backend was replaced) come first in the scan's order: they must not hold up an order
     * that can be cancelled. (The scan used to give up a round whose first page cancelled nothing.)
     */
    @Test
    void overdueOrdersThatCannotBeCancelledDoNotHoldUpTheOthers() {
        List<String> unwritable = api.post("/api/test-support/unwritable-overdue-orders?count=150", "").expect(200).array()
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
        assertEquals(150, unwritable.size());

        String id = api.confirmed(member, Map.of("SKU-G", "2.00"), "SKU-G", 1).getString("orderId");
        JsonObject cancelled = api.awaitStatus(id, "CANCELLED");
        assertEquals(List.of("PENDING", "CONFIRMED", "CANCELLED"), statuses(cancelled));

        for (String stuck : List.of(unwritable.get(0), unwritable.get(99), unwritable.get(149))) {
            JsonObject order = api.order(stuck);
            assertEquals("CONFIRMED", order.getString("status"), "fencing refuses the cancel of " + stuck + ": " + order);
        }
    }

    @Test
    void anOrderPaidInTimeStaysPaidAfterItsDeadline() {
        String id = api.confirmed(member, Map.of("SKU-E", "4.00"), "SKU-E", 1).getString("orderId");
        JsonObject paid = api.post(ORDERS + "/" + id + "/payment", "{\"amount\":4.00}").expect(200).json();
        OrderClient.pause(PAYMENT_TIMEOUT.toMillis() + 1_000);
        api.awaitQuiet();
        assertEquals(paid, api.order(id));
        assertEquals(0, api.events(id, "order.cancelled").size());
    }

    /** Pays each order at a random moment around its deadline while the scanner cancels overdue ones: one winner each. */
    @Test
    void aPaymentRacingTheAutomaticCancelHasExactlyOneWinner() throws Exception {
        int orders = 20;
        ExecutorService payers = Executors.newFixedThreadPool(orders);
        List<String> ids = new ArrayList<>();
        List<Future<Integer>> payments = new ArrayList<>();
        try {
            for (int i = 0; i < orders; i++) {
                JsonObject placed = api.place(member, "SKU-RACE", 1);
                String id = placed.getString("orderId");
                api.reserve(id, placed, Map.of("SKU-RACE", "3.00"));
                // confirmed, or already cancelled when this machine was slow: its payment then must lose
                JsonObject settled = api.await(ORDERS + "/" + id, o -> !"PENDING".equals(o.getString("status")), "order " + id + " to settle");
                Instant payBy = Instant.parse(settled.getString("payBy"));
                long offset = ThreadLocalRandom.current().nextLong(-300, 300);
                ids.add(id);
                payments.add(payers.submit(() -> {
                    long wait = Duration.between(Instant.now(), payBy).toMillis() + offset;
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return api.post(ORDERS + "/" + id + "/payment", "{\"amount\":3.00}").status();
                }));
            }
            int paid = 0;
            int cancelled = 0;
            for (int i = 0; i < orders; i++) {
                String id = ids.get(i);
                int status = payments.get(i).get();
                JsonObject order = api.order(id);
                if (status == 200) {
                    paid++;
                    assertEquals("PAID", order.getString("status"), order.toString());
                } else {
                    assertEquals(409, status, "the payment of " + id + " either wins (200) or finds it cancelled (409)");
                    cancelled++;
                    assertEquals("CANCELLED", order.getString("status"), order.toString());
                }
                List<String> history = statuses(order);
                assertEquals(1, history.stream().filter(s -> s.equals("PAID") || s.equals("CANCELLED")).count(), "one winner: " + history);
                String winner = status == 200 ? "order.paid" : "order.cancelled";
                String loser = status == 200 ? "order.cancelled" : "order.paid";
                assertEquals(1, api.awaitEvents(id, winner, 1).size(), winner + " of " + id);
                assertEquals(0, api.events(id, loser).size(), "no " + loser + " for " + id);
            }
            System.out.printf("payment vs automatic cancel on Payara Micro: %d paid, %d cancelled%n", paid, cancelled);
            assertTrue(paid > 0 && cancelled > 0, "the payments landed on both sides of the deadline: " + paid + " paid, " + cancelled + " cancelled");
            OrderClient.pause(PAYMENT_TIMEOUT.toMillis() + 500);
            api.awaitQuiet();
            for (String id : ids) {
                assertEquals(1, api.events(id, "order.paid").size() + api.events(id, "order.cancelled").size(), "still one winner for " + id);
            }
        } finally {
            payers.shutdownNow();
        }
    }
}
