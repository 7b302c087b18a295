package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dependent-order batches on the EAR with real backends: an order is placed only once every order it depends on
 * is confirmed, dependents of a rejected order are skipped, and an invalid graph places nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BatchFlowIT {

    private static final String BATCHES = "/order/api/order-batches";

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    /** base ← left, base ← right, {left, right} ← top: top is placed last, after both sides were confirmed. */
    @Test
    void aDiamondIsPlacedInTopologicalOrder() {
        String sku = shop.createSku("brick", "1.00", 100);
        String member = shop.member();
        String body = batch(member, List.of(
                item("top", sku, 1, "left", "right"),
                item("left", sku, 2, "base"),
                item("right", sku, 3, "base"),
                item("base", sku, 4)));
        HttpTestClient.Reply created = api.post(BATCHES, body).expect(202);
        String location = created.header("Location");
        String path = location.substring(location.indexOf("/order/api/"));

        JsonObject done = api.await(path, b -> "COMPLETED".equals(b.getString("status")), "the diamond batch completes");
        assertEquals(List.of("base", "left", "right", "top"), done.getJsonArray("topologicalOrder").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        Map<String, JsonObject> orders = new HashMap<>();
        for (JsonObject item : done.getJsonArray("orders").getValuesAs(JsonObject.class)) {
            assertEquals("CONFIRMED", item.getString("status"), item.toString());
            orders.put(item.getString("reference"), shop.order(item.getString("orderId")));
        }
        assertPlacedAfterConfirmed(orders.get("left"), orders.get("base"));
        assertPlacedAfterConfirmed(orders.get("right"), orders.get("base"));
        assertPlacedAfterConfirmed(orders.get("top"), orders.get("left"));
        assertPlacedAfterConfirmed(orders.get("top"), orders.get("right"));
        assertEquals(10, shop.sku(sku).getInt("reserved"));
    }

    @Test
    void theDependentsOfARejectedOrderAreSkipped() {
        String plenty = shop.createSku("sand", "1.00", 100);
        String scarce = shop.createSku("gold", "99.00", 0);
        String member = shop.member();
        String body = batch(member, List.of(
                item("root", scarce, 1),
                item("child", plenty, 1, "root"),
                item("grandchild", plenty, 1, "child"),
                item("independent", plenty, 1)));
        String location = api.post(BATCHES, body).expect(202).header("Location");
        String path = location.substring(location.indexOf("/order/api/"));

        JsonObject done = api.await(path, b -> !"RUNNING".equals(b.getString("status")), "the batch finishes");
        Map<String, JsonObject> items = new HashMap<>();
        done.getJsonArray("orders").getValuesAs(JsonObject.class).forEach(i -> items.put(i.getString("reference"), i));
        assertEquals("REJECTED", items.get("root").getString("status"));
        assertEquals("CONFIRMED", items.get("independent").getString("status"));
        for (String skipped : List.of("child", "grandchild")) {
            JsonObject item = items.get(skipped);
            assertEquals("SKIPPED", item.getString("status"), item.toString());
            assertTrue(Api.isNull(item, "orderId"), "a skipped order is never placed: " + item);
            assertTrue(item.getString("reason").contains("root"), item.toString());
        }
        api.await("/order/api/orders?memberId=" + member, list -> list.getInt("totalItems") == 2, "exactly root and independent were placed");
        assertEquals(1, shop.sku(plenty).getInt("reserved"));
    }

    @Test
    void invalidBatchesAreRefusedAndPlaceNothing() {
        String sku = shop.createSku("nail", "0.10", 100);
        String member = shop.member();
        JsonObject cycle = api.post(BATCHES, batch(member, List.of(
                item("a", sku, 1, "b"), item("b", sku, 1, "c"), item("c", sku, 1, "a"), item("d", sku, 1)))).problem(422);
        assertTrue(cycle.toString().contains("a → b → c → a"), cycle.toString());
        JsonObject unknown = api.post(BATCHES, batch(member, List.of(item("a", sku, 1, "ghost")))).problem(422);
        assertTrue(unknown.toString().contains("ghost"), unknown.toString());
        JsonObject duplicate = api.post(BATCHES, batch(member, List.of(item("a", sku, 1), item("a", sku, 2)))).problem(422);
        assertTrue(duplicate.toString().contains("\"a\"") || duplicate.toString().contains(" a"), duplicate.toString());
        api.post(BATCHES, batch(member, List.of(item("self", sku, 1, "self")))).problem(422);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 101; i++) {
            many.append(i == 0 ? "" : ",").append(item("o" + i, sku, 1));
        }
        api.post(BATCHES, "{\"memberId\":\"" + member + "\",\"orders\":[" + many + "]}").problem(422);
        api.post(BATCHES, "{\"memberId\":\"" + member + "\",\"orders\":[").problem(400);
        api.post(BATCHES, "{\"memberId\":\"" + member + "\",\"orders\":[{\"reference\":\"a\",\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":0}]}]}").problem(400);
        api.send("POST", BATCHES, "text/plain", "a,b", Map.of()).problem(415);
        api.get(BATCHES + "/" + java.util.UUID.randomUUID()).problem(404);

        Api.pause(1_000);
        assertEquals(0, api.get("/order/api/orders?memberId=" + member).expect(200).json().getInt("totalItems"), "nothing was placed");
        assertEquals(0, shop.sku(sku).getInt("reserved"));
    }

    private static void assertPlacedAfterConfirmed(JsonObject dependent, JsonObject prerequisite) {
        Instant placed = Instant.parse(dependent.getString("placedAt"));
        Instant confirmed = prerequisite.getJsonArray("history").getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("status").equals("CONFIRMED")).map(h -> Instant.parse(h.getString("at"))).findFirst().orElseThrow();
        assertTrue(!placed.isBefore(confirmed), dependent.getString("orderId") + " placed at " + placed + ", before its prerequisite was confirmed at " + confirmed);
    }

    private static String batch(String member, List<String> items) {
        return "{\"memberId\":\"" + member + "\",\"orders\":[" + String.join(",", items) + "]}";
    }

    private static String item(String reference, String sku, int quantity, String... dependsOn) {
        String deps = String.join(",", java.util.Arrays.stream(dependsOn).map(d -> "\"" + d + "\"").toList());
        return "{\"reference\":\"%s\",\"lines\":[{\"sku\":\"%s\",\"quantity\":%d}],\"dependsOn\":[%s]}".formatted(reference, sku, quantity, deps);
    }
}
