package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The trading flow end to end through the modules' HTTP APIs, on the EAR with real backends (one Failsafe execution
 * per combination: Redis locks + Kafka bus on WildFly, ZooKeeper locks + RabbitMQ bus on Payara Server; PostgreSQL).
 * The modules only talk through events; a test-only module records the events they publish.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TradingFlowIT {

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    void placeConfirmPayShip() {
        String apple = shop.createSku("apple", "2.50", 10);
        String pear = shop.createSku("pear", "10.00", 5);
        String member = shop.member();

        String order = shop.place(member, linesOf(apple, 2, pear, 1));
        JsonObject confirmed = shop.awaitStatus(order, "CONFIRMED");
        assertAmount("15.00", confirmed, "total");
        assertEquals(2, shop.sku(apple).getInt("reserved"));
        assertEquals(8, shop.sku(apple).getInt("available"));
        assertEquals("RESERVED", shop.reservation(order).getString("status"));

        assertEquals("PAID", shop.pay(order, "15.00").expect(200).json().getString("status"));
        api.await("/inventory/api/reservations/" + order, r -> "SOLD".equals(r.getString("status")), "the reservation becomes a sale");
        JsonObject soldApple = shop.sku(apple);
        assertEquals(8, soldApple.getInt("onHand"));
        assertEquals(0, soldApple.getInt("reserved"));
        assertEquals(8, soldApple.getInt("available"));

        assertEquals("SHIPPED", shop.ship(order).expect(200).json().getString("status"));
        JsonObject shipped = shop.order(order);
        assertEquals(List.of("PENDING", "CONFIRMED", "PAID", "SHIPPED"), statuses(shipped));

        for (String topic : List.of("order.placed", "inventory.reserved", "order.confirmed", "order.paid", "order.shipped")) {
            assertEquals(1, api.awaitEvents(order, topic, 1).size(), topic + " published once for " + order);
        }
        List<String> appleChanges = api.awaitEvents(apple, "inventory.stock-changed", 3).stream()
                .map(e -> Api.payload(e).getString("change") + ":" + Api.payload(e).getInt("quantity")).toList();
        assertEquals(List.of("CREATED:10", "RESERVED:2", "SOLD:2"), appleChanges);
    }

    @Test
    void aCancelledOrderGivesItsStockBack() {
        String plum = shop.createSku("plum", "1.20", 10);
        String member = shop.member();
        String order = shop.place(member, linesOf(plum, 3));
        shop.awaitStatus(order, "CONFIRMED");
        assertEquals(7, shop.sku(plum).getInt("available"));

        assertEquals("CANCELLED", shop.cancel(order).expect(200).json().getString("status"));
        api.await("/inventory/api/skus/" + plum, s -> s.getInt("available") == 10 && s.getInt("reserved") == 0, "the stock comes back");
        assertEquals("RELEASED", shop.reservation(order).getString("status"));
        assertEquals("CANCELLED", shop.pay(order, "3.60").problem(409).getString("currentStatus"), "a cancelled order cannot be paid");
        JsonObject cancelled = api.awaitEvents(order, "order.cancelled", 1).get(0);
        assertEquals(false, Api.payload(cancelled).getBoolean("automatic"));
    }

    @Test
    void anOrderIsRejectedWhenOneLineIsShortAndReservesNothing() {
        String fig = shop.createSku("fig", "3.00", 5);
        String kiwi = shop.createSku("kiwi", "0.80", 2);
        String member = shop.member();
        String order = shop.place(member, linesOf(fig, 1, kiwi, 5));

        JsonObject rejected = shop.awaitStatus(order, "REJECTED");
        assertTrue(rejected.getString("reason").contains(kiwi), rejected.toString());
        JsonObject figNow = shop.sku(fig);
        assertEquals(5, figNow.getInt("available"), "all or nothing: the line that was available is not reserved");
        assertEquals(0, figNow.getInt("reserved"));
        JsonObject shortLine = Api.payload(api.awaitEvents(order, "inventory.rejected", 1).get(0)).getJsonArray("shortLines").getJsonObject(0);
        assertEquals(kiwi, shortLine.getString("sku"));
        assertEquals(5, shortLine.getInt("requested"));
        assertEquals(2, shortLine.getInt("available"));
        assertEquals(1, api.awaitEvents(order, "order.rejected", 1).size());
        assertEquals(409, shop.pay(order, "1.00").status(), "a rejected order cannot be paid");
    }

    /** The order module knows members only from member.* events: an order for anyone else is rejected at once. */
    @Test
    void anOrderForAnUnknownMemberIsRejected() {
        String cherry = shop.createSku("cherry", "0.20", 10);
        String stranger = UUID.randomUUID().toString();
        api.get("/order/api/known-members/" + stranger).problem(404);
        String order = api.post("/order/api/orders", Shop.orderJson(stranger, linesOf(cherry, 1))).expect(202).json().getString("orderId");

        JsonObject rejected = shop.awaitStatus(order, "REJECTED");
        assertTrue(rejected.getString("reason").contains("unknown member"), rejected.toString());
        assertEquals(1, api.awaitEvents(order, "order.rejected", 1).size());
        assertEquals(0, api.events(order, "order.placed").size(), "an order of an unknown member is never placed");
        assertEquals(10, shop.sku(cherry).getInt("available"));
    }

    @Test
    void aRetriedPostWithTheSameIdempotencyKeyPlacesOneOrder() throws Exception {
        String date = shop.createSku("date", "4.00", 50);
        String member = shop.member();
        String key = UUID.randomUUID().toString();
        Map<String, Integer> lines = linesOf(date, 1);

        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpTestClient.Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(clients.submit(() -> api.post("/order/api/orders", Shop.orderJson(member, lines), Map.of("Idempotency-Key", key))));
            }
            Set<String> locations = new java.util.HashSet<>();
            Set<String> ids = new java.util.HashSet<>();
            for (Future<HttpTestClient.Reply> reply : replies) {
                HttpTestClient.Reply r = reply.get().expect(202);
                locations.add(r.header("Location"));
                ids.add(r.json().getString("orderId"));
            }
            assertEquals(1, ids.size(), "one order for one key: " + ids);
            assertEquals(1, locations.size(), "the same Location each time: " + locations);
        } finally {
            clients.shutdownNow();
        }
        JsonObject list = api.get("/order/api/orders?memberId=" + member).expect(200).json();
        assertEquals(1, list.getInt("totalItems"), list.toString());

        api.post("/order/api/orders", Shop.orderJson(member, linesOf(date, 2)), Map.of("Idempotency-Key", key)).problem(422);
        assertEquals(1, api.get("/order/api/orders?memberId=" + member).expect(200).json().getInt("totalItems"), "nothing placed");
        api.await("/inventory/api/skus/" + date, s -> s.getInt("reserved") == 1, "one unit reserved, once");
    }

    /** 100 concurrent orders of one unit against a SKU with 50: exactly 50 confirmed, stock never negative. */
    @Test
    void aHotSkuIsNeverOversold() throws Exception {
        String hot = shop.createSku("hot", "9.99", 50);
        List<String> members = List.of(shop.member(), shop.member(), shop.member(), shop.member());

        ExecutorService clients = Executors.newFixedThreadPool(40);
        List<String> orders = new ArrayList<>();
        try {
            List<Callable<String>> placements = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String member = members.get(i % members.size());
                placements.add(() -> shop.place(member, linesOf(hot, 1)));
            }
            for (Future<String> placed : clients.invokeAll(placements)) {
                orders.add(placed.get());
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals(100, Set.copyOf(orders).size());

        Map<String, Long> outcome = orders.stream().map(shop::settled).collect(Collectors.groupingBy(o -> o.getString("status"), Collectors.counting()));
        assertEquals(Map.of("CONFIRMED", 50L, "REJECTED", 50L), outcome);

        JsonObject stock = shop.sku(hot);
        assertEquals(0, stock.getInt("available"), stock.toString());
        assertEquals(50, stock.getInt("reserved"), stock.toString());
        assertEquals(50, stock.getInt("onHand"), stock.toString());

        List<JsonObject> changes = api.awaitEvents(hot, "inventory.stock-changed", 51).stream().map(Api::payload).toList();
        assertEquals(51, changes.size(), "CREATED plus one RESERVED per confirmed order, nothing else");
        int created = changes.stream().filter(c -> c.getString("change").equals("CREATED")).mapToInt(c -> c.getInt("quantity")).sum();
        int reserved = changes.stream().filter(c -> c.getString("change").equals("RESERVED")).mapToInt(c -> c.getInt("quantity")).sum();
        assertEquals(50, created);
        assertEquals(50, reserved);
        assertEquals(stock.getInt("available"), created - reserved, "the events add up to the stock");
        assertTrue(changes.stream().allMatch(c -> c.getInt("available") >= 0), "available never below 0 in any event");
        assertEquals(50, api.events(hot, "inventory.stock-changed").stream().map(Api::payload)
                .filter(c -> c.getString("change").equals("RESERVED")).map(c -> c.getString("orderId")).distinct().count());
    }

    /**
     * Stock adjustments racing orders on one SKU. An adjustment reads its SKU (to answer 404) before it takes the SKU's
     * lock, so its fenced write must apply to the row as the previous holder left it: no 5xx, and a ledger whose every
     * entry follows from the one before.
     */
    @Test
    void stockAdjustmentsRacingOrdersOnOneSkuAllCount() throws Exception {
        int each = 40;
        String busy = shop.createSku("busy", "2.00", each);
        String member = shop.member();

        ExecutorService clients = Executors.newFixedThreadPool(2 * each);
        List<String> orders = new ArrayList<>();
        try {
            List<Callable<HttpTestClient.Reply>> adjustments = new ArrayList<>();
            List<Callable<String>> placements = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                adjustments.add(() -> api.post("/inventory/api/skus/" + busy + "/adjustments", "{\"delta\":1,\"reason\":\"recount\"}"));
                placements.add(() -> shop.place(member, linesOf(busy, 1)));
            }
            List<Future<HttpTestClient.Reply>> adjusted = adjustments.stream().map(clients::submit).toList();
            List<Future<String>> placed = placements.stream().map(clients::submit).toList();
            for (Future<HttpTestClient.Reply> reply : adjusted) {
                reply.get().expect(200);
            }
            for (Future<String> id : placed) {
                orders.add(id.get());
            }
        } finally {
            clients.shutdownNow();
        }
        assertTrue(orders.stream().map(shop::settled).allMatch(o -> o.getString("status").equals("CONFIRMED")), "every order confirmed");

        JsonObject stock = shop.sku(busy);
        assertEquals(2 * each, stock.getInt("onHand"), stock.toString());
        assertEquals(each, stock.getInt("reserved"), stock.toString());
        List<JsonObject> ledger = api.get("/inventory/api/skus/" + busy + "/movements?size=100").expect(200).json()
                .getJsonArray("items").getValuesAs(JsonObject.class);
        assertEquals(1 + 2 * each, ledger.size(), "CREATED, one ADJUSTED per adjustment, one RESERVED per order");
        int onHand = 0;
        int reserved = 0;
        for (int i = 0; i < ledger.size(); i++) {
            JsonObject entry = ledger.get(i);
            assertEquals(i + 1, entry.getInt("seq"), entry.toString());
            switch (entry.getString("change")) {
                case "CREATED", "ADJUSTED" -> onHand += entry.getInt("quantity");
                case "RESERVED" -> reserved += entry.getInt("quantity");
                default -> throw new AssertionError("unexpected ledger entry " + entry);
            }
            assertEquals(onHand, entry.getInt("onHand"), "each entry follows from the one before: " + entry);
            assertEquals(reserved, entry.getInt("reserved"), "each entry follows from the one before: " + entry);
        }
    }

    /**
     * Both servers serve one MicroProfile OpenAPI document for the EAR: WildFly lists full paths
     * ({@code /order/api/orders}), Payara paths relative to each module's server URL ({@code /api/orders}).
     */
    @Test
    void openApiDescribesTheModulesEndpoints() {
        HttpTestClient.Reply document = api.send("GET", "/openapi", null, null, Map.of("Accept", "application/json")).expect(200);
        Set<String> paths = document.json().getJsonObject("paths").keySet();
        for (String endpoint : List.of("/api/skus", "/api/skus/{sku}", "/api/skus/{sku}/adjustments", "/api/reservations/{orderId}",
                "/api/orders", "/api/orders/{orderId}", "/api/orders/{orderId}/payment", "/api/orders/{orderId}/shipment",
                "/api/orders/{orderId}/cancellation")) {
            assertTrue(paths.stream().anyMatch(p -> p.endsWith(endpoint)), "OpenAPI lists " + endpoint + ": " + paths);
        }
    }

    static Map<String, Integer> linesOf(Object... skuThenQuantity) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (int i = 0; i < skuThenQuantity.length; i += 2) {
            lines.put((String) skuThenQuantity[i], (Integer) skuThenQuantity[i + 1]);
        }
        return lines;
    }

    static List<String> statuses(JsonObject order) {
        return order.getJsonArray("history").getValuesAs(JsonObject.class).stream().map(h -> h.getString("status")).toList();
    }

    static void assertAmount(String expected, JsonObject object, String field) {
        BigDecimal actual = object.getJsonNumber(field).bigDecimalValue();
        assertEquals(0, new BigDecimal(expected).compareTo(actual), field + " " + actual + " in " + object);
    }
}
