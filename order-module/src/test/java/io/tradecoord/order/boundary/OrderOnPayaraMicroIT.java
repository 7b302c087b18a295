package io.tradecoord.order.boundary;

import static io.tradecoord.order.boundary.OrderClient.isNull;
import static io.tradecoord.order.boundary.OrderClient.orderJson;
import static io.tradecoord.order.boundary.OrderClient.payload;
import static io.tradecoord.order.boundary.OrderClient.problem;
import static io.tradecoord.order.boundary.OrderClient.statuses;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.DevTokens;
import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;

/**
 * The module as its own service: the built micro WAR on Payara Micro (EclipseLink, Jersey, H2, in-JVM locks and
 * bus), plus test-only classes that play the inventory (they fire inventory.reserved / inventory.rejected, which
 * reach the module's observers through its outbox and the bus) and record the events the module publishes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderOnPayaraMicroIT {

    private static final String ORDERS = "/api/orders";
    private static final String BIG = "x".repeat(70 * 1024);

    @Deployment(testable = false)
    static WebArchive war() {
        return TestWars.withTestSupport(null);
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
    void aboutDescribesTheModuleOnItsOwnRuntime() {
        JsonObject about = api.get("/api/about").expect(200).json();
        assertEquals("/order/", baseUrl.getPath(), "context root of the micro WAR");
        assertEquals("order", about.getString("module"));
        assertEquals(System.getProperty("application.version"), about.getString("version"));
        assertEquals("local", about.getString("lockBackend"));
        assertEquals("local", about.getString("busBackend"));
        assertFalse(about.getString("runtimeId").isBlank());
    }

    /**
     * The bus knows the module by its declared name, not by its archive's ("order.war" here, order-module-*-micro.war
     * in a release): the module alone on Payara Micro and the module inside the EAR on another node share one outbox
     * relay, one inbox and one subscription per topic.
     */
    @Test
    void theBusKnowsTheModuleByItsNameNotByItsArchive() {
        api.post(ORDERS, orderJson(member, "SKU-1", 1)).expect(202);
        api.awaitQuiet();
        assertEquals(List.of("order-module"), api.counts().getJsonArray("busModules").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void aPlacedOrderIsPendingReadableListedAndAnnounced() {
        HttpTestClient.Reply placed = api.post(ORDERS, orderJson(member, "SKU-1", 2, "sku.2_b-c", 1)).expect(202);
        JsonObject order = placed.json();
        String id = order.getString("orderId");
        assertEquals(api.url(ORDERS + "/" + id), placed.header("Location"), "absolute Location of the new order");
        assertEquals("PENDING", order.getString("status"));
        assertEquals(member, order.getString("memberId"));
        assertTrue(isNull(order, "total"), "no total before the inventory answered: " + order);
        assertTrue(isNull(order, "payBy"), order.toString());
        assertTrue(isNull(order, "reason"), order.toString());
        JsonObject firstLine = order.getJsonArray("lines").getJsonObject(0);
        assertEquals("SKU-1", firstLine.getString("sku"));
        assertEquals(2, firstLine.getInt("quantity"));
        assertTrue(isNull(firstLine, "unitPrice"), order.toString());
        assertEquals(List.of("PENDING"), statuses(order));
        Instant placedAt = Instant.parse(order.getString("placedAt"));
        assertTrue(Duration.between(placedAt, Instant.now()).abs().toMinutes() < 5, "placedAt is now: " + placedAt);

        assertEquals(order, api.get(placed.header("Location").substring(api.url("").length())).expect(200).json(), "read back as placed");
        JsonObject list = api.get(ORDERS + "?memberId=" + member).expect(200).json();
        assertEquals(1, list.getInt("totalItems"));
        assertEquals(id, list.getJsonArray("items").getJsonObject(0).getString("orderId"));

        JsonObject event = payload(api.awaitEvents(id, "order.placed", 1).get(0));
        assertEquals(id, event.getString("orderId"));
        assertEquals(member, event.getString("memberId"));
        assertEquals(placedAt, Instant.parse(event.getString("placedAt")));
        assertEquals("sku.2_b-c", event.getJsonArray("lines").getJsonObject(1).getString("sku"));
        assertEquals(1, event.getJsonArray("lines").getJsonObject(1).getInt("quantity"));
    }

    @Test
    void aMembersOrdersAreListedNewestFirstPagedAndFilteredByStatus() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(api.place(member, "SKU-L", i + 1).getString("orderId"));
            OrderClient.pause(5); // distinct placing times
        }
        api.place(api.knownMember("someone-else-" + UUID.randomUUID()), "SKU-L", 1);
        JsonObject first = api.get(ORDERS + "?memberId=" + member + "&size=2").expect(200).json();
        assertEquals(3, first.getInt("totalItems"));
        assertEquals(2, first.getInt("totalPages"));
        assertEquals(0, first.getInt("page"));
        assertEquals(2, first.getInt("size"));
        assertEquals(List.of(ids.get(2), ids.get(1)), first.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .map(o -> o.getString("orderId")).toList(), "newest first");
        JsonObject second = api.get(ORDERS + "?memberId=" + member + "&size=2&page=1").expect(200).json();
        assertEquals(ids.get(0), second.getJsonArray("items").getJsonObject(0).getString("orderId"));

        api.send("POST", ORDERS + "/" + ids.get(1) + "/cancellation", null, null, Map.of()).expect(200);
        assertEquals(2, api.get(ORDERS + "?memberId=" + member + "&status=PENDING").expect(200).json().getInt("totalItems"));
        JsonObject cancelled = api.get(ORDERS + "?memberId=" + member + "&status=cancelled").expect(200).json();
        assertEquals(1, cancelled.getInt("totalItems"));
        assertEquals(ids.get(1), cancelled.getJsonArray("items").getJsonObject(0).getString("orderId"));
        assertEquals(0, api.get(ORDERS + "?memberId=" + member + "&status=SHIPPED").expect(200).json().getInt("totalItems"));
        assertEquals(0, api.get(ORDERS + "?memberId=nobody-" + UUID.randomUUID()).expect(200).json().getInt("totalItems"));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyReturnsTheFirstOrder() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String body = orderJson(member, "SKU-I", 3);
        HttpTestClient.Reply first = api.post(ORDERS, body, Map.of("Idempotency-Key", key)).expect(202);
        assertNull(first.header("Idempotent-Replayed"));
        // the same request, spelled differently: still the same request
        HttpTestClient.Reply retry = api.post(ORDERS, " { \"lines\" : [ {\"quantity\":3, \"sku\":\"SKU-I\"} ], \"memberId\":\"" + member + "\" } ",
                Map.of("Idempotency-Key", key)).expect(202);
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.json(), retry.json(), "the first answer again");

        JsonObject reused = problem(422, api.post(ORDERS, orderJson(member, "SKU-I", 4), Map.of("Idempotency-Key", key)));
        assertFalse(reused.toString().contains(first.json().getString("orderId")), "a reused key names nothing: " + reused);
        assertEquals(1, api.get(ORDERS + "?memberId=" + member).expect(200).json().getInt("totalItems"), "one order for the key");
        assertEquals(1, api.awaitEvents(first.json().getString("orderId"), "order.placed", 1).size());

        // 50 concurrent first attempts with a new key: one order, the same answer to each
        String concurrentKey = UUID.randomUUID().toString();
        String concurrentMember = api.knownMember("m-" + UUID.randomUUID());
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<HttpTestClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(clients.submit(() -> api.post(ORDERS, orderJson(concurrentMember, "SKU-C", 1), Map.of("Idempotency-Key", concurrentKey))));
            }
            Set<String> ids = new HashSet<>();
            Set<String> locations = new HashSet<>();
            int replayed = 0;
            for (Future<HttpTestClient.Reply> reply : replies) {
                HttpTestClient.Reply r = reply.get().expect(202);
                ids.add(r.json().getString("orderId"));
                locations.add(r.header("Location"));
                replayed += "true".equals(r.header("Idempotent-Replayed")) ? 1 : 0;
            }
            assertEquals(1, ids.size(), "one order for one key: " + ids);
            assertEquals(1, locations.size(), locations.toString());
            assertEquals(49, replayed, "all but the first are replays");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(1, api.get(ORDERS + "?memberId=" + concurrentMember).expect(200).json().getInt("totalItems"));
    }

    /** Member B sending member A's key places B's own order: keys belong to their caller, and nothing of A's leaks. */
    @Test
    void anotherCallersKeyIsAnotherRequest() {
        String key = "shared-" + UUID.randomUUID();
        String a = api.as(DevTokens.customer(member)).post(ORDERS, orderJson(member, "SKU-K", 1), Map.of("Idempotency-Key", key))
                .expect(202).json().getString("orderId");
        String memberB = api.knownMember("m-" + UUID.randomUUID());
        HttpTestClient.Reply b = api.as(DevTokens.customer(memberB)).post(ORDERS, orderJson(memberB, "SKU-K", 2), Map.of("Idempotency-Key", key))
                .expect(202);
        assertNull(b.header("Idempotent-Replayed"));
        assertNotEquals(a, b.json().getString("orderId"));
        assertFalse(b.body().contains(a), b.body());
        assertEquals(memberB, b.json().getString("memberId"));
    }

    /** A refusal that a retry may change is not remembered: once the member is known, the same request places the order. */
    @Test
    void anOrderRefusedForAnUnknownMemberDoesNotPinItsKey() {
        String stranger = "m-" + UUID.randomUUID();
        String key = "early-" + UUID.randomUUID();
        HttpTestClient.Reply refused = api.post(ORDERS, orderJson(stranger, "SKU-U", 1), Map.of("Idempotency-Key", key)).expect(202);
        assertEquals("REJECTED", refused.json().getString("status"), refused.body());
        api.knownMember(stranger);
        HttpTestClient.Reply placed = api.post(ORDERS, orderJson(stranger, "SKU-U", 1), Map.of("Idempotency-Key", key)).expect(202);
        assertNull(placed.header("Idempotent-Replayed"));
        assertEquals("PENDING", placed.json().getString("status"), placed.body());
        HttpTestClient.Reply again = api.post(ORDERS, orderJson(stranger, "SKU-U", 1), Map.of("Idempotency-Key", key)).expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(placed.json().getString("orderId"), again.json().getString("orderId"));
    }

    /** Payment, shipment and cancellation retried with their keys: the first answer again, one event each. */
    @Test
    void transitionsRetriedWithTheirKeysApplyOnce() {
        String paidId = api.confirmed(member, Map.of("SKU-T", "2.50"), "SKU-T", 2).getString("orderId");
        String payment = ORDERS + "/" + paidId + "/payment";
        String payKey = "pay-" + UUID.randomUUID();
        HttpTestClient.Reply paid = api.post(payment, "{\"amount\":5.00}", Map.of("Idempotency-Key", payKey)).expect(200);
        HttpTestClient.Reply paidAgain = api.post(payment, "{\"amount\":5.00}", Map.of("Idempotency-Key", payKey)).expect(200);
        assertEquals("true", paidAgain.header("Idempotent-Replayed"));
        assertEquals(paid.json(), paidAgain.json());
        problem(409, api.post(payment, "{\"amount\":5.00}")); // without the key a second payment is refused, as before

        String shipment = ORDERS + "/" + paidId + "/shipment";
        String shipKey = "ship-" + UUID.randomUUID();
        HttpTestClient.Reply shipped = api.send("POST", shipment, null, null, Map.of("Idempotency-Key", shipKey)).expect(200);
        HttpTestClient.Reply shippedAgain = api.send("POST", shipment, null, null, Map.of("Idempotency-Key", shipKey)).expect(200);
        assertEquals("true", shippedAgain.header("Idempotent-Replayed"));
        assertEquals(shipped.json(), shippedAgain.json());
        problem(422, api.post(shipment, "{}", Map.of("Idempotency-Key", payKey))); // the payment's key on another request

        String cancelledId = api.confirmed(member, Map.of("SKU-T", "2.50"), "SKU-T", 1).getString("orderId");
        String cancellation = ORDERS + "/" + cancelledId + "/cancellation";
        String cancelKey = "cancel-" + UUID.randomUUID();
        api.post(cancellation, "{\"reason\":\"changed my mind\"}", Map.of("Idempotency-Key", cancelKey)).expect(200);
        HttpTestClient.Reply cancelledAgain = api.post(cancellation, "{\"reason\":\"changed my mind\"}", Map.of("Idempotency-Key", cancelKey)).expect(200);
        assertEquals("true", cancelledAgain.header("Idempotent-Replayed"));
        assertEquals("CANCELLED", cancelledAgain.json().getString("status"));

        api.awaitQuiet();
        assertEquals(1, api.events(paidId, "order.paid").size());
        assertEquals(1, api.events(paidId, "order.shipped").size());
        assertEquals(1, api.events(cancelledId, "order.cancelled").size());
    }

    @Test
    void aReservedOrderIsConfirmedThenPaidThenShippedAnnouncingEachStep() {
        JsonObject placed = api.place(member, "SKU-A", 3, "SKU-B", 1);
        String id = placed.getString("orderId");
        api.reserve(id, placed, Map.of("SKU-A", "19.99", "SKU-B", "0.05"));
        JsonObject confirmed = api.awaitStatus(id, "CONFIRMED");
        assertAmount("60.02", confirmed.getJsonNumber("total").bigDecimalValue());
        assertAmount("19.99", confirmed.getJsonArray("lines").getJsonObject(0).getJsonNumber("unitPrice").bigDecimalValue());
        Instant updatedAt = Instant.parse(confirmed.getString("updatedAt"));
        assertEquals(Duration.ofMinutes(15), Duration.between(updatedAt, Instant.parse(confirmed.getString("payBy"))), "default payment timeout");

        JsonObject confirmedEvent = payload(api.awaitEvents(id, "order.confirmed", 1).get(0));
        assertAmount("60.02", confirmedEvent.getJsonNumber("total").bigDecimalValue());
        assertEquals(confirmed.getString("payBy"), confirmedEvent.getString("payBy"));
        assertEquals(member, confirmedEvent.getString("memberId"));

        JsonObject wrongAmount = problem(422, api.post(ORDERS + "/" + id + "/payment", "{\"amount\":60.01}"));
        assertAmount("60.02", wrongAmount.getJsonNumber("total").bigDecimalValue());
        assertEquals(confirmed, api.order(id), "a refused payment changes nothing");

        JsonObject paid = api.post(ORDERS + "/" + id + "/payment", "{\"amount\":60.02}").expect(200).json();
        assertEquals("PAID", paid.getString("status"));
        JsonObject paidEvent = payload(api.awaitEvents(id, "order.paid", 1).get(0));
        assertAmount("60.02", paidEvent.getJsonNumber("total").bigDecimalValue());
        assertEquals(paid.getString("updatedAt"), paidEvent.getString("paidAt"));

        JsonObject shipped = api.send("POST", ORDERS + "/" + id + "/shipment", null, null, Map.of()).expect(200).json();
        assertEquals("SHIPPED", shipped.getString("status"));
        assertEquals(List.of("PENDING", "CONFIRMED", "PAID", "SHIPPED"), statuses(api.order(id)));
        assertEquals(shipped.getString("updatedAt"), payload(api.awaitEvents(id, "order.shipped", 1).get(0)).getString("shippedAt"));

        api.awaitQuiet();
        assertEquals(List.of("order.placed", "order.confirmed", "order.paid", "order.shipped"),
                api.events(id, null).stream().map(e -> e.getString("topic")).toList(), "each step announced once, in order");
    }

    @Test
    void aShortOrderIsRejectedWithTheShortLinesAndLateAnswersChangeNothing() {
        JsonObject placed = api.place(member, "SKU-S", 5, "SKU-T", 1);
        String id = placed.getString("orderId");
        api.rejectShort(id, "SKU-S", 5, 2);
        JsonObject rejected = api.awaitStatus(id, "REJECTED");
        assertEquals("insufficient stock; short: SKU-S (requested 5, available 2)", rejected.getString("reason"));
        assertEquals(List.of("PENDING", "REJECTED"), statuses(rejected));
        assertEquals(rejected.getString("reason"), rejected.getJsonArray("history").getJsonObject(1).getString("reason"));
        JsonObject event = payload(api.awaitEvents(id, "order.rejected", 1).get(0));
        assertEquals(rejected.getString("reason"), event.getString("reason"));
        assertEquals(member, event.getString("memberId"));

        // an answer that no longer applies (a duplicate, or a reservation after the rejection) changes nothing
        api.reserve(id, placed, Map.of("SKU-S", "1.00", "SKU-T", "1.00"));
        api.rejectShort(id, "SKU-T", 1, 0);
        api.awaitQuiet();
        assertEquals(rejected, api.order(id));
        assertEquals(1, api.events(id, "order.rejected").size());
        assertEquals(0, api.events(id, "order.confirmed").size());
        assertEquals(409, problem(409, api.post(ORDERS + "/" + id + "/payment", "{\"amount\":1.00}")).getInt("status"));
    }

    @Test
    void pendingAndConfirmedOrdersCanBeCancelledWithOrWithoutReason() {
        String pending = api.place(member, "SKU-X", 1).getString("orderId");
        JsonObject cancelled = api.send("POST", ORDERS + "/" + pending + "/cancellation", null, null, Map.of()).expect(200).json();
        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals("cancelled on request", cancelled.getString("reason"));
        JsonObject event = payload(api.awaitEvents(pending, "order.cancelled", 1).get(0));
        assertFalse(event.getBoolean("automatic"));
        assertEquals("cancelled on request", event.getString("reason"));

        JsonObject confirmed = api.confirmed(member, Map.of("SKU-Y", "7.00"), "SKU-Y", 2);
        String id = confirmed.getString("orderId");
        JsonObject withReason = api.post(ORDERS + "/" + id + "/cancellation", "{\"reason\":\"found it cheaper\"}").expect(200).json();
        assertEquals("found it cheaper", withReason.getString("reason"));
        assertEquals(List.of("PENDING", "CONFIRMED", "CANCELLED"), statuses(withReason));
        assertEquals("found it cheaper", withReason.getJsonArray("history").getJsonObject(2).getString("reason"));
        assertFalse(payload(api.awaitEvents(id, "order.cancelled", 1).get(0)).getBoolean("automatic"));

        // the inventory's late reservation of the cancelled pending order changes nothing
        api.reserve(pending, api.order(pending), Map.of("SKU-X", "1.00"));
        api.awaitQuiet();
        assertEquals(cancelled, api.order(pending));
        assertEquals(0, api.events(pending, "order.confirmed").size());
    }

    @Test
    void anIllegalTransitionIsAConflictNamingTheCurrentStatusAndChangesNothing() {
        String pending = api.place(member, "SKU-P", 1).getString("orderId");
        assertConflict(pending, "/payment", "{\"amount\":1.00}", "PENDING");
        assertConflict(pending, "/shipment", null, "PENDING");

        String confirmed = api.confirmed(member, Map.of("SKU-Q", "2.00"), "SKU-Q", 1).getString("orderId");
        assertConflict(confirmed, "/shipment", null, "CONFIRMED");

        api.post(ORDERS + "/" + confirmed + "/payment", "{\"amount\":2}").expect(200);
        assertConflict(confirmed, "/payment", "{\"amount\":2.00}", "PAID");
        assertConflict(confirmed, "/cancellation", "{\"reason\":\"too late\"}", "PAID");

        api.send("POST", ORDERS + "/" + confirmed + "/shipment", null, null, Map.of()).expect(200);
        assertConflict(confirmed, "/shipment", null, "SHIPPED");
        assertConflict(confirmed, "/cancellation", null, "SHIPPED");

        api.post(ORDERS + "/" + pending + "/cancellation", "{}").expect(200);
        assertConflict(pending, "/cancellation", null, "CANCELLED");
        assertConflict(pending, "/payment", "{\"amount\":1.00}", "CANCELLED");
        api.awaitQuiet();
        assertEquals(1, api.events(confirmed, "order.paid").size());
        assertEquals(1, api.events(confirmed, "order.shipped").size());
        assertEquals(1, api.events(pending, "order.cancelled").size());
    }

    private void assertConflict(String id, String transition, String body, String currentStatus) {
        JsonObject before = api.order(id);
        HttpTestClient.Reply reply = body == null ? api.send("POST", ORDERS + "/" + id + transition, null, null, Map.of())
                : api.post(ORDERS + "/" + id + transition, body);
        JsonObject problem = problem(409, reply);
        assertEquals(currentStatus, problem.getString("currentStatus"), problem.toString());
        assertEquals(before, api.order(id), transition + " refused, nothing changed");
    }

    @Test
    void placingRefusesBadInputWithAProblemAndPlacesNothing() {
        api.awaitQuiet();
        JsonObject before = api.counts();
        String valid = orderJson(member, "SKU-V", 1);
        StringBuilder tooMany = new StringBuilder("{\"memberId\":\"" + member + "\",\"lines\":[");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"sku\":\"sku-").append(i).append("\",\"quantity\":1}");
        }
        tooMany.append("]}");

        Map<String, String> badBodies = new java.util.LinkedHashMap<>();
        badBodies.put("malformed JSON", "{\"memberId\":");
        badBodies.put("unknown field", valid.replace("{\"memberId\"", "{\"coupon\":\"FREE\",\"memberId\""));
        badBodies.put("unknown line field", valid.replace("\"quantity\":1", "\"quantity\":1,\"colour\":\"red\""));
        badBodies.put("missing memberId", "{\"lines\":[{\"sku\":\"SKU-V\",\"quantity\":1}]}");
        badBodies.put("blank memberId", orderJson("  ", "SKU-V", 1));
        badBodies.put("long memberId", orderJson("m".repeat(65), "SKU-V", 1));
        badBodies.put("missing lines", "{\"memberId\":\"" + member + "\"}");
        badBodies.put("no lines", "{\"memberId\":\"" + member + "\",\"lines\":[]}");
        badBodies.put("null line", "{\"memberId\":\"" + member + "\",\"lines\":[null]}");
        badBodies.put("51 lines", tooMany.toString());
        badBodies.put("zero quantity", valid.replace("\"quantity\":1", "\"quantity\":0"));
        badBodies.put("negative quantity", valid.replace("\"quantity\":1", "\"quantity\":-2"));
        badBodies.put("quantity over 10000", valid.replace("\"quantity\":1", "\"quantity\":10001"));
        badBodies.put("missing quantity", "{\"memberId\":\"" + member + "\",\"lines\":[{\"sku\":\"SKU-V\"}]}");
        badBodies.put("quantity as text", valid.replace("\"quantity\":1", "\"quantity\":\"one\""));
        badBodies.put("fractional quantity", valid.replace("\"quantity\":1", "\"quantity\":1.5"));
        badBodies.put("empty sku", valid.replace("SKU-V", ""));
        badBodies.put("sku with space", valid.replace("SKU-V", "SKU V"));
        badBodies.put("sku starting with dash", valid.replace("SKU-V", "-SKU"));
        badBodies.put("sku of 65 characters", valid.replace("SKU-V", "S".repeat(65)));
        badBodies.put("the same sku twice", orderJson(member, "SKU-V", 1, "SKU-V", 2));
        badBodies.put("memberId as number", "{\"memberId\":42,\"lines\":[{\"sku\":\"SKU-V\",\"quantity\":1}]}");
        badBodies.put("array instead of object", "[]");
        badBodies.put("JSON null", "null");
        List<Executable> checks = new ArrayList<>();
        badBodies.forEach((what, body) -> checks.add(refused(what, 400, () -> api.post(ORDERS, body))));
        checks.add(refused("JSON content type, no body", 400, () -> api.send("POST", ORDERS, OrderClient.JSON, null, Map.of())));
        checks.add(refused("70 KiB body", 413, () -> api.post(ORDERS, valid.replace(member, BIG))));
        checks.add(refused("XML", 415, () -> api.send("POST", ORDERS, "application/xml", "<order/>", Map.of())));
        checks.add(refused("text/plain", 415, () -> api.send("POST", ORDERS, "text/plain", valid, Map.of())));
        checks.add(refused("empty Idempotency-Key", 400, () -> api.post(ORDERS, valid, Map.of("Idempotency-Key", ""))));
        checks.add(refused("long Idempotency-Key", 400, () -> api.post(ORDERS, valid, Map.of("Idempotency-Key", "k".repeat(129)))));
        checks.add(refused("Idempotency-Key with space", 400, () -> api.post(ORDERS, valid, Map.of("Idempotency-Key", "with space"))));
        checks.add(refused("Idempotency-Key not ASCII", 400, () -> api.post(ORDERS, valid, Map.of("Idempotency-Key", "naïve"))));
        checks.add(refused("DELETE", 405, () -> api.send("DELETE", ORDERS, null, null, Map.of())));
        checks.add(() -> {
            JsonObject violations = problem(400, api.post(ORDERS, valid.replace("\"quantity\":1", "\"quantity\":0")));
            assertEquals("lines[0].quantity", violations.getJsonArray("violations").getJsonObject(0).getString("field"), violations.toString());
        });
        assertAll(checks);

        api.awaitQuiet();
        assertEquals(before, api.counts(), "nothing placed, nothing published");
        assertEquals(0, api.get(ORDERS + "?memberId=" + member).expect(200).json().getInt("totalItems"));
    }

    @Test
    void readingListingAndTransitionsRefuseBadInputAndChangeNothing() {
        String unknown = UUID.randomUUID().toString();
        String id = api.confirmed(member, Map.of("SKU-R", "2.00"), "SKU-R", 2).getString("orderId");
        JsonObject before = api.order(id);
        String payment = ORDERS + "/" + id + "/payment";
        String cancellation = ORDERS + "/" + id + "/cancellation";
        assertAll(
                () -> assertTrue(problem(404, api.get(ORDERS + "/" + unknown)).getString("detail").contains(unknown)),
                refused("malformed id", 404, () -> api.get(ORDERS + "/not-an-order-id")),
                refused("upper-case id", 404, () -> api.get(ORDERS + "/" + unknown.toUpperCase())),
                refused("unknown resource", 404, () -> api.get("/api/no-such-resource")),
                refused("list without memberId", 400, () -> api.get(ORDERS)),
                refused("list with empty memberId", 400, () -> api.get(ORDERS + "?memberId=")),
                refused("list with long memberId", 400, () -> api.get(ORDERS + "?memberId=" + "m".repeat(65))),
                () -> {
                    JsonObject unknownStatus = problem(400, api.get(ORDERS + "?memberId=" + member + "&status=LOST"));
                    assertTrue(unknownStatus.getString("detail").contains("PENDING, CONFIRMED, REJECTED, PAID, SHIPPED, CANCELLED"), unknownStatus.toString());
                    assertEquals(6, unknownStatus.getJsonArray("allowed").size());
                },
                refused("size 0", 400, () -> api.get(ORDERS + "?memberId=" + member + "&size=0")),
                refused("size 101", 400, () -> api.get(ORDERS + "?memberId=" + member + "&size=101")),
                refused("page -1", 400, () -> api.get(ORDERS + "?memberId=" + member + "&page=-1")),
                refused("page not a number", 400, () -> api.get(ORDERS + "?memberId=" + member + "&page=first")),
                refused("page with a space", 400, () -> api.get(ORDERS + "?memberId=" + member + "&page=%201")),
                refused("size with a plus", 400, () -> api.get(ORDERS + "?memberId=" + member + "&size=%2B5")),
                refused("size not a number", 400, () -> api.get(ORDERS + "?memberId=" + member + "&size=ten")),
                refused("pay unknown", 404, () -> api.post(ORDERS + "/" + unknown + "/payment", "{\"amount\":1.00}")),
                refused("ship unknown", 404, () -> api.send("POST", ORDERS + "/" + unknown + "/shipment", null, null, Map.of())),
                refused("cancel unknown", 404, () -> api.post(ORDERS + "/" + unknown + "/cancellation", "{\"reason\":\"x\"}")),
                refused("cancel malformed id", 404, () -> api.post(ORDERS + "/nonsense/cancellation", "")),
                refused("payment malformed", 400, () -> api.post(payment, "{\"amount\":")),
                refused("payment without amount", 400, () -> api.post(payment, "{}")),
                refused("payment unknown field", 400, () -> api.post(payment, "{\"amount\":4.00,\"currency\":\"EUR\"}")),
                refused("payment amount as text", 400, () -> api.post(payment, "{\"amount\":\"four\"}")),
                refused("payment negative", 400, () -> api.post(payment, "{\"amount\":-4.00}")),
                refused("payment zero", 400, () -> api.post(payment, "{\"amount\":0}")),
                refused("payment sub-cent", 400, () -> api.post(payment, "{\"amount\":3.999}")),
                refused("payment no body", 400, () -> api.send("POST", payment, OrderClient.JSON, null, Map.of())),
                refused("payment text/plain", 415, () -> api.send("POST", payment, "text/plain", "4.00", Map.of())),
                refused("payment not the total", 422, () -> api.post(payment, "{\"amount\":3.99}")),
                refused("payment 70 KiB", 413, () -> api.post(payment, "{\"amount\":" + BIG.replace('x', '4') + "}")),
                refused("cancellation unknown field", 400, () -> api.post(cancellation, "{\"why\":\"x\"}")),
                refused("cancellation malformed", 400, () -> api.post(cancellation, "{\"reason\":")),
                refused("cancellation reason too long", 400, () -> api.post(cancellation, "{\"reason\":\"" + "r".repeat(501) + "\"}")),
                refused("cancellation text/plain", 415, () -> api.send("POST", cancellation, "text/plain", "changed my mind", Map.of())),
                refused("cancellation 70 KiB", 413, () -> api.post(cancellation, "{\"reason\":\"" + BIG + "\"}")));

        api.awaitQuiet();
        assertEquals(before, api.order(id), "the refused requests changed nothing");
        assertEquals(List.of("order.placed", "order.confirmed"), api.events(id, null).stream().map(e -> e.getString("topic")).toList());
        assertEquals("PAID", api.post(payment, "{\"amount\":4}").expect(200).json().getString("status"));
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        String document = api.fromServerRoot("/openapi", Map.of("Accept", "application/json")).expect(200).body();
        for (String path : List.of("/orders", "/orders/{orderId}", "/orders/{orderId}/payment", "/orders/{orderId}/shipment",
                "/orders/{orderId}/cancellation")) {
            assertTrue(document.contains(path + "\""), "OpenAPI describes " + path + ": " + document.substring(0, Math.min(500, document.length())));
        }
        assertTrue(document.contains("Place an order"), "with the operations' summaries");
    }

    /** A check that {@code call} answers a problem with {@code status}, named for the report. */
    private static Executable refused(String what, int status, Supplier<HttpTestClient.Reply> call) {
        return () -> {
            try {
                problem(status, call.get());
            } catch (AssertionError e) {
                throw new AssertionError(what + ": " + e.getMessage(), e);
            }
        };
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + ", was " + actual);
    }
}
