package io.tradecoord.inventory.boundary;

import static io.tradecoord.inventory.boundary.InventoryClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import io.tradecoord.inventory.probe.ProbeResource;
import jakarta.json.JsonObject;
import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reservations end to end inside one module: the micro WAR plus a test-only probe (package {@code probe}) that plays
 * the order module — it fires {@code order.placed}, {@code order.cancelled} and {@code order.paid} in a transaction,
 * over the in-JVM bus with its outbox and inbox — and records the inventory events that come back. Everything else
 * is checked through the module's REST API.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InventoryReservationsOnPayaraMicroIT {

    private static final String API = "/inventory/api";
    private static final String PROBE = API + "/test-probe";

    @Deployment(testable = false)
    static WebArchive microWarWithProbe() {
        String version = System.getProperty("application.version");
        File war = new File("target/inventory-module-" + version + "-micro.war");
        return ShrinkWrap.create(ZipImporter.class, "inventory.war").importFrom(war).as(WebArchive.class)
                .addPackage(ProbeResource.class.getPackage());
    }

    @ArquillianResource
    URL baseUrl;

    InventoryClient client;
    String run;

    @BeforeEach
    void setUp() {
        client = new InventoryClient(baseUrl);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void placedOrderReservesEveryLineThenPaymentSellsIt() {
        String a = sku("A", "12.50", 10);
        String b = sku("B", "3", 5);
        String order = order("paid");

        place(order, a + ":2", b + ":1", a + ":1");
        JsonObject reservation = awaitReservation(order, "RESERVED");
        assertEquals(List.of(line(a, 3, "12.50"), line(b, 1, "3.00")), lines(reservation), "lines of one SKU summed, with prices");
        assertStock(a, 10, 3, 7);
        assertStock(b, 5, 1, 4);

        JsonObject reserved = awaitEvent("inventory.reserved", order);
        assertEquals(order, reserved.getString("orderId"));
        assertEquals(List.of(line(a, 3, "12.50"), line(b, 1, "3.00")), lines(reserved));
        JsonObject changedA = awaitStockChange(a, "RESERVED", order);
        assertEquals(Map.of("quantity", 3L, "onHand", 10L, "reserved", 3L, "available", 7L), figures(changedA));
        assertTrue(!changedA.containsKey("reason") || changedA.isNull("reason"), "no reason for an order's change: " + changedA);
        awaitStockChange(b, "RESERVED", order);
        assertLedger(a, "CREATED", "RESERVED");

        pay(order);
        awaitReservation(order, "SOLD");
        assertStock(a, 7, 0, 7);
        assertStock(b, 4, 0, 4);
        assertEquals(Map.of("quantity", 3L, "onHand", 7L, "reserved", 0L, "available", 7L), figures(awaitStockChange(a, "SOLD", order)));
        awaitStockChange(b, "SOLD", order);
        assertLedger(a, "CREATED", "RESERVED", "SOLD");

        // a second payment event (a duplicate from the order module's point of view) changes nothing
        pay(order);
        awaitApplied("order.paid", order, 2);
        assertStock(a, 7, 0, 7);
        assertLedger(a, "CREATED", "RESERVED", "SOLD");
        // and a late cancel of a paid order does not put sold units back
        cancel(order, false);
        awaitApplied("order.cancelled", order, 1);
        assertEquals("SOLD", reservation(order).getString("status"));
        assertStock(a, 7, 0, 7);
    }

    @Test
    void oneShortLineRejectsTheWholeOrder() {
        String plenty = sku("PLENTY", "1", 100);
        String scarce = sku("SCARCE", "1", 2);
        String unknown = "UNKNOWN-" + run;
        String order = order("short");

        place(order, plenty + ":5", scarce + ":3", unknown + ":1");
        JsonObject reservation = awaitReservation(order, "REJECTED");
        assertTrue(reservation.getString("reason").contains(scarce + " requested 3, available 2"), reservation.toString());
        assertTrue(reservation.getString("reason").contains(unknown + " is an unknown SKU"), reservation.toString());

        JsonObject rejected = awaitEvent("inventory.rejected", order);
        assertEquals(reservation.getString("reason"), rejected.getString("reason"));
        List<String> shortLines = rejected.getJsonArray("shortLines").getValuesAs(JsonObject.class).stream()
                .map(l -> l.getString("sku") + " " + l.getJsonNumber("requested") + " " + l.getJsonNumber("available") + " " + l.getBoolean("known"))
                .toList();
        assertEquals(List.of(scarce + " 3 2 true", unknown + " 1 0 false"), shortLines, "only the short lines, in SKU order");

        assertStock(plenty, 100, 0, 100);
        assertStock(scarce, 2, 0, 2);
        assertLedger(plenty, "CREATED");
        assertLedger(scarce, "CREATED");
        assertEquals(List.of(), stockChangesOf(order), "a rejected order changes no stock");
    }

    @Test
    void anOrderThatCannotBeServedAtAllIsRejectedWithTheReason() {
        String a = sku("A", "1", 5);
        String order = order("zero");
        place(order, a + ":1", a + ":0");
        JsonObject reservation = awaitReservation(order, "REJECTED");
        assertEquals("line 2 (" + a + ") has quantity 0: quantities must be positive", reservation.getString("reason"));
        assertEquals(0, awaitEvent("inventory.rejected", order).getJsonArray("shortLines").size());
        assertStock(a, 5, 0, 5);
    }

    @Test
    void cancelReleasesTheReservedUnits() {
        String a = sku("A", "2", 4);
        String order = order("cancel");
        place(order, a + ":4");
        awaitReservation(order, "RESERVED");
        assertStock(a, 4, 4, 0);

        cancel(order, true);
        JsonObject released = awaitReservation(order, "RELEASED");
        assertTrue(released.getString("reason").startsWith("order was cancelled"), released.toString());
        assertStock(a, 4, 0, 4);
        assertEquals(Map.of("quantity", 4L, "onHand", 4L, "reserved", 0L, "available", 4L), figures(awaitStockChange(a, "RELEASED", order)));
        assertLedger(a, "CREATED", "RESERVED", "RELEASED");

        // cancelled twice, or paid after the cancel: nothing more happens
        cancel(order, false);
        awaitApplied("order.cancelled", order, 2);
        pay(order);
        awaitApplied("order.paid", order, 1);
        assertEquals("RELEASED", reservation(order).getString("status"));
        assertStock(a, 4, 0, 4);
        assertLedger(a, "CREATED", "RESERVED", "RELEASED");
    }

    @Test
    void aSecondPlacementOfTheSameOrderChangesNothing() throws InterruptedException {
        String a = sku("A", "2", 5);
        String order = order("twice");
        place(order, a + ":2");
        awaitReservation(order, "RESERVED");
        awaitEvent("inventory.reserved", order);

        place(order, a + ":2");
        awaitApplied("order.placed", order, 2);
        Thread.sleep(1_000); // give a wrongly fired second event the time to arrive
        assertStock(a, 5, 2, 3);
        assertLedger(a, "CREATED", "RESERVED");
        assertEquals(1, eventsOf("inventory.reserved", order).size(), "one inventory.reserved");
        assertEquals(1, stockChangesOf(order).size(), "one inventory.stock-changed");
    }

    @Test
    void aCancelThatArrivesFirstMakesTheLaterPlacementReserveNothing() throws InterruptedException {
        String a = sku("A", "2", 5);
        String order = order("tombstone");
        cancel(order, false);
        JsonObject tombstone = awaitReservation(order, "CANCELLED_BEFORE_PLACED");
        assertEquals(0, tombstone.getJsonArray("lines").size());

        place(order, a + ":3");
        JsonObject rejected = awaitEvent("inventory.rejected", order);
        assertEquals("order was cancelled", rejected.getString("reason"));
        assertEquals(0, rejected.getJsonArray("shortLines").size());
        JsonObject after = reservation(order);
        assertEquals("CANCELLED_BEFORE_PLACED", after.getString("status"));
        assertEquals(List.of(line(a, 3, null)), lines(after), "the lines are kept for the record");
        assertStock(a, 5, 0, 5);

        place(order, a + ":3");
        awaitApplied("order.placed", order, 2);
        Thread.sleep(1_000);
        assertEquals(1, eventsOf("inventory.rejected", order).size(), "the second placement fires nothing");
        assertStock(a, 5, 0, 5);
        assertLedger(a, "CREATED");
    }

    @Test
    void concurrentOrdersForAHotSkuNeverOversell() throws Exception {
        String hot = sku("HOT", "1", 5);
        String other = sku("OTHER", "1", 100);
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            orders.add(order("hot-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Reply>> sent = new ArrayList<>();
            for (int i = 0; i < orders.size(); i++) {
                String order = orders.get(i);
                // half of the orders lock the two SKUs in the other written order: canonical locking must not deadlock
                String[] lines = i % 2 == 0 ? new String[] {hot + ":1", other + ":1"} : new String[] {other + ":1", hot + ":1"};
                sent.add(pool.submit(() -> client.post(PROBE + "/orders/" + order + "/placed?" + query(lines), null, "")));
            }
            for (Future<Reply> reply : sent) {
                reply.get().expect(202);
            }
        } finally {
            pool.shutdown();
        }
        Map<String, Long> outcomes = new java.util.TreeMap<>();
        for (String order : orders) {
            await("a decision on " + order, () -> client.get(API + "/reservations/" + order).status() == 200);
            outcomes.merge(reservation(order).getString("status"), 1L, Long::sum);
        }
        assertEquals(Map.of("RESERVED", 5L, "REJECTED", 7L), outcomes);
        assertStock(hot, 5, 5, 0);
        assertStock(other, 100, 5, 95);
        List<JsonObject> ledger = ledger(hot);
        assertEquals(6, ledger.size());
        for (JsonObject entry : ledger) {
            assertTrue(entry.getInt("available") >= 0, entry.toString());
        }
    }

    // --- helpers

    private String sku(String name, String price, int stock) {
        String code = name + "-" + run;
        client.postJson(API + "/skus", "{\"sku\":\"" + code + "\",\"name\":\"" + name + "\",\"unitPrice\":" + price
                + ",\"initialStock\":" + stock + "}").expect(201);
        return code;
    }

    private String order(String name) {
        return "order-" + name + "-" + run;
    }

    private static String query(String... lines) {
        return Arrays.stream(lines).map(l -> "line=" + l).collect(Collectors.joining("&"));
    }

    private void place(String order, String... lines) {
        client.post(PROBE + "/orders/" + order + "/placed?" + query(lines), null, "").expect(202);
    }

    private void cancel(String order, boolean automatic) {
        client.post(PROBE + "/orders/" + order + "/cancelled?automatic=" + automatic, null, "").expect(202);
    }

    private void pay(String order) {
        client.post(PROBE + "/orders/" + order + "/paid", null, "").expect(202);
    }

    private JsonObject reservation(String order) {
        return client.get(API + "/reservations/" + order).expect(200).json();
    }

    private JsonObject awaitReservation(String order, String status) {
        await("reservation of " + order + " " + status, () -> {
            Reply reply = client.get(API + "/reservations/" + order);
            return reply.status() == 200 && status.equals(reply.json().getString("status"));
        });
        JsonObject reservation = reservation(order);
        assertEquals(order, reservation.getString("orderId"));
        return reservation;
    }

    private void awaitApplied(String topic, String order, int count) {
        await(count + " applied " + topic + " of " + order,
                () -> Integer.parseInt(client.get(PROBE + "/applied/" + topic + "/" + order).expect(200).body()) >= count);
    }

    private List<JsonObject> events() {
        return client.get(PROBE + "/events").expect(200).array().getValuesAs(JsonObject.class);
    }

    private List<JsonObject> eventsOf(String topic, String order) {
        return events().stream().filter(e -> e.getString("topic").equals(topic))
                .map(e -> e.getJsonObject("payload"))
                .filter(p -> p.containsKey("orderId") && !p.isNull("orderId") && p.getString("orderId").equals(order))
                .toList();
    }

    private List<JsonObject> stockChangesOf(String order) {
        return eventsOf("inventory.stock-changed", order);
    }

    private JsonObject awaitEvent(String topic, String order) {
        await(topic + " of " + order, () -> !eventsOf(topic, order).isEmpty());
        return eventsOf(topic, order).get(0);
    }

    private JsonObject awaitStockChange(String sku, String change, String order) {
        await("stock-changed " + change + " of " + sku, () -> stockChangesOf(order).stream()
                .anyMatch(e -> e.getString("sku").equals(sku) && e.getString("change").equals(change)));
        return stockChangesOf(order).stream()
                .filter(e -> e.getString("sku").equals(sku) && e.getString("change").equals(change)).findFirst().orElseThrow();
    }

    private static Map<String, Long> figures(JsonObject stockChanged) {
        return Map.of("quantity", stockChanged.getJsonNumber("quantity").longValue(),
                "onHand", stockChanged.getJsonNumber("onHand").longValue(),
                "reserved", stockChanged.getJsonNumber("reserved").longValue(),
                "available", stockChanged.getJsonNumber("available").longValue());
    }

    private void assertStock(String sku, int onHand, int reserved, int available) {
        JsonObject read = client.get(API + "/skus/" + sku).expect(200).json();
        assertEquals(List.of(onHand, reserved, available), List.of(read.getInt("onHand"), read.getInt("reserved"), read.getInt("available")),
                "onHand, reserved, available of " + sku);
    }

    private List<JsonObject> ledger(String sku) {
        return client.get(API + "/skus/" + sku + "/movements?size=100").expect(200).json().getJsonArray("items").getValuesAs(JsonObject.class);
    }

    private void assertLedger(String sku, String... changes) {
        assertEquals(List.of(changes), ledger(sku).stream().map(m -> m.getString("change")).toList(), "ledger of " + sku);
    }

    private static String line(String sku, long quantity, String unitPrice) {
        return sku + " x" + quantity + " @" + (unitPrice == null ? "null" : new BigDecimal(unitPrice));
    }

    private static List<String> lines(JsonObject reservationOrEvent) {
        return reservationOrEvent.getJsonArray("lines").getValuesAs(JsonObject.class).stream()
                .map(l -> line(l.getString("sku"), l.getJsonNumber("quantity").longValue(),
                        !l.containsKey("unitPrice") || l.isNull("unitPrice") ? null : l.getJsonNumber("unitPrice").toString()))
                .toList();
    }
}
