package io.tradecoord.order.boundary;

import static io.tradecoord.order.boundary.OrderClient.payload;
import static io.tradecoord.order.boundary.OrderClient.problem;
import static io.tradecoord.order.boundary.OrderClient.statuses;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
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
 * Known members (learnt from member.* events) and batches of dependent orders, on the micro WAR with test-only
 * classes playing the member and inventory modules.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OrderBatchesOnPayaraMicroIT {

    private static final String BATCHES = "/api/order-batches";

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
    void anOrderForAnUnknownMemberIsRejectedAtOnceAndNeverPlaced() {
        String stranger = "stranger-" + UUID.randomUUID();
        problem(404, api.get("/api/known-members/" + stranger));
        JsonObject order = api.post("/api/orders", OrderClient.orderJson(stranger, "SKU-U", 1)).expect(202).json();
        String id = order.getString("orderId");
        assertEquals("REJECTED", order.getString("status"));
        assertEquals("unknown member " + stranger, order.getString("reason"));
        assertEquals(List.of("REJECTED"), statuses(order));
        assertEquals("unknown member " + stranger, payload(api.awaitEvents(id, "order.rejected", 1).get(0)).getString("reason"));
        api.awaitQuiet();
        assertEquals(0, api.events(id, "order.placed").size(), "never offered to the inventory");
    }

    @Test
    void aMemberIsKnownFromItsUpdateToo() {
        String latecomer = "late-" + UUID.randomUUID();
        api.post("/api/test-support/member-updated", "{\"memberId\":\"" + latecomer + "\"}").expect(204);
        JsonObject known = api.await("/api/known-members/" + latecomer, k -> true, "the order module learns " + latecomer);
        assertNotNull(Instant.parse(known.getString("knownSince")));
        assertEquals("PENDING", api.place(latecomer, "SKU-K", 1).getString("status"));
    }

    /** a; b and c need a; d needs b and c. */
    @Test
    void aDiamondIsPlacedInTopologicalOrderAsPrerequisitesAreConfirmed() {
        HttpTestClient.Reply started = api.post(BATCHES, batchJson(member, order("d", "b", "c"), order("b", "a"), order("c", "a"), order("a")))
                .expect(202);
        JsonObject batch = started.json();
        String id = batch.getString("batchId");
        assertEquals(api.url(BATCHES + "/" + id), started.header("Location"));
        assertEquals(List.of("a", "b", "c", "d"), strings(batch, "topologicalOrder"));
        assertEquals("RUNNING", batch.getString("status"));
        assertEquals(Map.of("a", "PENDING", "b", "WAITING", "c", "WAITING", "d", "WAITING"), itemStatuses(batch));

        confirm(orderIdOf(batch, "a"));
        batch = awaitItems(id, Map.of("a", "CONFIRMED", "b", "PENDING", "c", "PENDING", "d", "WAITING"));
        confirm(orderIdOf(batch, "c"));
        batch = awaitItems(id, Map.of("a", "CONFIRMED", "b", "PENDING", "c", "CONFIRMED", "d", "WAITING"));
        confirm(orderIdOf(batch, "b"));
        batch = awaitItems(id, Map.of("a", "CONFIRMED", "b", "CONFIRMED", "c", "CONFIRMED", "d", "PENDING"));
        confirm(orderIdOf(batch, "d"));
        batch = awaitItems(id, Map.of("a", "CONFIRMED", "b", "CONFIRMED", "c", "CONFIRMED", "d", "CONFIRMED"));
        assertEquals("COMPLETED", batch.getString("status"));

        Map<String, Instant> placedAt = new LinkedHashMap<>();
        for (String reference : List.of("a", "b", "c", "d")) {
            placedAt.put(reference, Instant.parse(api.order(orderIdOf(batch, reference)).getString("placedAt")));
        }
        assertTrue(placedAt.get("a").isBefore(placedAt.get("b")) && placedAt.get("a").isBefore(placedAt.get("c")), placedAt.toString());
        assertTrue(placedAt.get("b").isBefore(placedAt.get("d")) && placedAt.get("c").isBefore(placedAt.get("d")), placedAt.toString());
        assertEquals(4, api.get("/api/orders?memberId=" + member).expect(200).json().getInt("totalItems"), "each order placed once");

        // a paid order of the batch is followed too
        String d = orderIdOf(batch, "d");
        api.post("/api/orders/" + d + "/payment", "{\"amount\":" + api.order(d).getJsonNumber("total") + "}").expect(200);
        assertEquals("PAID", itemStatuses(api.get(BATCHES + "/" + id).expect(200).json()).get("d"));
    }

    @Test
    void aRejectedRootSkipsItsDependentsWhileAnIndependentBranchGoesOn() {
        JsonObject batch = api.post(BATCHES, batchJson(member, order("root"), order("child", "root"), order("grandchild", "child"),
                order("other"), order("after-other", "other"))).expect(202).json();
        String id = batch.getString("batchId");
        String root = orderIdOf(batch, "root");
        api.rejectShort(root, "SKU-1", 1, 0);
        confirm(orderIdOf(batch, "other"));
        batch = awaitItems(id, Map.of("root", "REJECTED", "child", "SKIPPED", "grandchild", "SKIPPED", "other", "CONFIRMED", "after-other", "PENDING"));
        JsonObject grandchild = item(batch, "grandchild");
        assertTrue(grandchild.getString("reason").contains("\"root\" (order " + root + ") was REJECTED"), grandchild.toString());
        assertTrue(grandchild.isNull("orderId"), "a skipped order is never placed: " + grandchild);

        confirm(orderIdOf(batch, "after-other"));
        batch = awaitItems(id, Map.of("root", "REJECTED", "child", "SKIPPED", "grandchild", "SKIPPED", "other", "CONFIRMED", "after-other", "CONFIRMED"));
        assertEquals("FAILED", batch.getString("status"));
        assertEquals(3, api.get("/api/orders?memberId=" + member).expect(200).json().getInt("totalItems"));
    }

    @Test
    void aCancelledPrerequisiteSkipsWhatStillWaitsForIt() {
        JsonObject batch = api.post(BATCHES, batchJson(member, order("first"), order("second"), order("both", "first", "second"))).expect(202).json();
        String id = batch.getString("batchId");
        confirm(orderIdOf(batch, "first"));
        api.awaitQuiet();
        api.post("/api/orders/" + orderIdOf(batch, "second") + "/cancellation", "{\"reason\":\"not needed\"}").expect(200);
        batch = awaitItems(id, Map.of("first", "CONFIRMED", "second", "CANCELLED", "both", "SKIPPED"));
        assertTrue(item(batch, "both").getString("reason").contains("was CANCELLED: not needed"), batch.toString());
    }

    @Test
    void aBatchForAnUnknownMemberRejectsItsRootsAndSkipsTheRest() {
        String stranger = "stranger-" + UUID.randomUUID();
        JsonObject batch = api.post(BATCHES, batchJson(stranger, order("a"), order("b", "a"))).expect(202).json();
        assertEquals(Map.of("a", "REJECTED", "b", "SKIPPED"), itemStatuses(batch));
        assertEquals("FAILED", batch.getString("status"));
        assertTrue(item(batch, "b").getString("reason").contains("unknown member " + stranger), batch.toString());
    }

    @Test
    void anInvalidBatchIsRefusedNamingTheProblemAndNothingIsPlaced() {
        api.awaitQuiet();
        JsonObject before = api.counts();
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add(order("o" + i));
        }
        assertAll(
                () -> assertDetail(problem(422, api.post(BATCHES, batchJson(member, order("a", "b"), order("b", "c"), order("c", "a")))),
                        "a → b → c → a"),
                () -> assertDetail(problem(422, api.post(BATCHES, batchJson(member, order("a"), order("b", "ghost")))), "ghost"),
                () -> assertDetail(problem(422, api.post(BATCHES, batchJson(member, order("a"), order("a")))), "duplicate reference \"a\""),
                () -> assertDetail(problem(422, api.post(BATCHES, batchJson(member, order("a", "a")))), "a → a"),
                () -> assertDetail(problem(422, api.post(BATCHES, batchJson(member, tooMany.toArray(String[]::new)))), "at most 100"),
                () -> assertEquals("CYCLE", problem(422, api.post(BATCHES, batchJson(member, order("x", "y"), order("y", "x"))))
                        .getJsonArray("problems").getJsonObject(0).getString("kind")),
                refused("malformed", 400, () -> api.post(BATCHES, "{\"memberId\":")),
                refused("unknown field", 400, () -> api.post(BATCHES, batchJson(member, order("a")).replace("{\"memberId\"", "{\"priority\":1,\"memberId\""))),
                refused("no orders", 400, () -> api.post(BATCHES, "{\"memberId\":\"" + member + "\",\"orders\":[]}")),
                refused("missing memberId", 400, () -> api.post(BATCHES, "{\"orders\":[" + order("a") + "]}")),
                refused("missing reference", 400, () -> api.post(BATCHES, "{\"memberId\":\"" + member + "\",\"orders\":[{\"lines\":[{\"sku\":\"A\",\"quantity\":1}]}]}")),
                refused("bad reference", 400, () -> api.post(BATCHES, batchJson(member, order("has space")))),
                refused("zero quantity", 400, () -> api.post(BATCHES, batchJson(member, order("a")).replace("\"quantity\":1", "\"quantity\":0"))),
                refused("dependsOn not a list", 400, () -> api.post(BATCHES, batchJson(member, order("a")).replace("\"dependsOn\":[]", "\"dependsOn\":\"b\""))),
                refused("text/plain", 415, () -> api.send("POST", BATCHES, "text/plain", batchJson(member, order("a")), Map.of())),
                refused("unknown batch", 404, () -> api.get(BATCHES + "/" + UUID.randomUUID())),
                refused("malformed batch id", 404, () -> api.get(BATCHES + "/nope")));
        api.awaitQuiet();
        assertEquals(before, api.counts(), "no batch stored, no order placed");
    }

    /** Duplicates in dependsOn are one edge, and are stored as one: the stored list is the validated one. */
    @Test
    void aDependencyNamedThousandsOfTimesIsStoredOnceAndTheLargestValidListFits() {
        String repeated = batchJson(member, order("a"), order("b", Collections.nCopies(3_501, "a").toArray(String[]::new)));
        assertTrue(repeated.length() > 14_000 && repeated.length() < 64 * 1024, "under the body limit: " + repeated.length());
        JsonObject batch = api.post(BATCHES, repeated).expect(202).json();
        assertEquals(List.of("a"), strings(item(batch, "b"), "dependsOn"));
        assertEquals(List.of("a"), strings(item(api.get(BATCHES + "/" + batch.getString("batchId")).expect(200).json(), "b"), "dependsOn"));

        // 100 orders with 64-character references, the last depending on the 99 others (only the first is placed at once)
        List<String> orders = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 99; i++) {
            String reference = String.format("%064d", i);
            orders.add(i == 0 ? order(reference) : order(reference, others.get(0)));
            others.add(reference);
        }
        String last = "z".repeat(64);
        orders.add(order(last, others.toArray(String[]::new)));
        JsonObject largest = api.post(BATCHES, batchJson(member, orders.toArray(String[]::new))).expect(202).json();
        JsonObject readBack = api.get(BATCHES + "/" + largest.getString("batchId")).expect(200).json();
        assertEquals(others, strings(item(readBack, last), "dependsOn"));
        assertEquals("WAITING", item(readBack, last).getString("status"));
    }

    // --- helpers

    /** A client retrying a batch after a timeout: one batch, each order placed once, the first answer again. */
    @Test
    void aBatchRetriedWithItsIdempotencyKeyStartsOnce() {
        String key = "batch-" + UUID.randomUUID();
        String body = batchJson(member, order("a"), order("b", "a"));
        HttpTestClient.Reply first = api.post(BATCHES, body, Map.of("Idempotency-Key", key)).expect(202);
        HttpTestClient.Reply retry = api.post(BATCHES, body, Map.of("Idempotency-Key", key)).expect(202);
        assertEquals("true", retry.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.json(), retry.json(), "the first answer again");
        problem(422, api.post(BATCHES, batchJson(member, order("a")), Map.of("Idempotency-Key", key)));
        api.awaitQuiet();
        assertEquals(1, api.get("/api/orders?memberId=" + member).expect(200).json().getInt("totalItems"), "root placed once");
    }

    private void confirm(String orderId) {
        api.reserve(orderId, api.order(orderId), Map.of("SKU-1", "1.00"));
    }

    private JsonObject awaitItems(String batchId, Map<String, String> expected) {
        return api.await(BATCHES + "/" + batchId, b -> itemStatuses(b).equals(expected), "batch " + batchId + " at " + expected);
    }

    private static String order(String reference, String... dependsOn) {
        return "{\"reference\":\"" + reference + "\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1}],\"dependsOn\":["
                + List.of(dependsOn).stream().map(d -> "\"" + d + "\"").collect(Collectors.joining(",")) + "]}";
    }

    private static String batchJson(String memberId, String... orders) {
        return "{\"memberId\":\"" + memberId + "\",\"orders\":[" + String.join(",", orders) + "]}";
    }

    private static Map<String, String> itemStatuses(JsonObject batch) {
        Map<String, String> statuses = new LinkedHashMap<>();
        batch.getJsonArray("orders").getValuesAs(JsonObject.class).forEach(o -> statuses.put(o.getString("reference"), o.getString("status")));
        return statuses;
    }

    private static JsonObject item(JsonObject batch, String reference) {
        return batch.getJsonArray("orders").getValuesAs(JsonObject.class).stream().filter(o -> reference.equals(o.getString("reference")))
                .findFirst().orElseThrow();
    }

    private static String orderIdOf(JsonObject batch, String reference) {
        return item(batch, reference).getString("orderId");
    }

    private static List<String> strings(JsonObject object, String name) {
        return object.getJsonArray(name).getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList();
    }

    private static void assertDetail(JsonObject problem, String expected) {
        assertTrue(problem.getString("detail").contains(expected), "expected the problem to name " + expected + ": " + problem);
    }

    private static Executable refused(String what, int status, Supplier<HttpTestClient.Reply> call) {
        return () -> {
            try {
                problem(status, call.get());
            } catch (AssertionError e) {
                throw new AssertionError(what + ": " + e.getMessage(), e);
            }
        };
    }
}
