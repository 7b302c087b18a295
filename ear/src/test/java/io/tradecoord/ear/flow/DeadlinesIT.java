package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * No order stays PENDING and no unit stays reserved for an order that has ended, even when an event dies: each
 * case makes the inventory's handler fail (a test module holds the lock it needs, so it times out) until its event
 * is dead-lettered, then checks the order and the stock reach their final states within the stated bounds. Runs in
 * the ear pom's *-expiry executions: order.placement-timeout=PT8S, inventory.lock-wait=PT1S,
 * coordination.inbox.max-attempts=2, coordination.inbox.retry-for-ms=3000 (a handler failing on a lock is dead-lettered
 * after about 4 s, before the placement deadline), inventory.reservation-check-after=PT4S,
 * inventory.reconciliation-interval=PT0.5S.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DeadlinesIT {

    private static final Duration PLACEMENT_TIMEOUT = Duration.ofSeconds(8);
    private static final Duration CHECK_AFTER = Duration.ofSeconds(4);
    private static final Duration RECONCILIATION_INTERVAL = Duration.ofMillis(500);
    /** Scans, event deliveries and a slow machine. */
    private static final Duration SLACK = Duration.ofSeconds(10);

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    /** order.cancelled dies in the inventory: the order is final, its units held; reconciliation releases them. */
    @Test
    void unitsHeldForACancelledOrderWhoseReleaseDiedComeBack() {
        String pear = shop.createSku("pear", "1.00", 10);
        String order = shop.place(shop.member(), Map.of(pear, 3));
        shop.awaitStatus(order, "CONFIRMED");
        String lock = "inventory-reservation:" + order;
        shop.holdLock(lock);
        try {
            shop.cancel(order).expect(200);
            shop.awaitDeadLetter("/inventory/api/dead-letters", "order.cancelled", order);
            JsonObject stillHeld = shop.sku(pear);
            assertEquals(3, stillHeld.getInt("reserved"), "the release died: " + stillHeld);
        } finally {
            shop.releaseLock(lock);
        }
        Instant handlersWork = Instant.now();
        api.await("/inventory/api/skus/" + pear, s -> s.getInt("reserved") == 0 && s.getInt("available") == 10, "the units to come back");
        Duration took = Duration.between(handlersWork, Instant.now());
        assertTrue(took.compareTo(CHECK_AFTER.plus(RECONCILIATION_INTERVAL).plus(SLACK)) <= 0, "released within the bound, took " + took);
        assertEquals("RELEASED", shop.reservation(order).getString("status"));
        assertEquals("CANCELLED", shop.order(order).getString("status"));
    }

    /** order.placed dies in the inventory: the order ends at its placement deadline, its batch ends, the stock is untouched. */
    @Test
    void anOrderWhosePlacementDiedEndsAtItsDeadlineAndSoDoesItsBatch() {
        String fig = shop.createSku("fig", "2.00", 5);
        String member = shop.member();
        String lock = "sku:" + fig;
        shop.holdLock(lock);
        JsonObject batch;
        String first;
        try {
            String line = "\"lines\":[{\"sku\":\"" + fig + "\",\"quantity\":2}]";
            batch = api.post("/order/api/order-batches", "{\"memberId\":\"" + member + "\",\"orders\":[{\"reference\":\"first\"," + line
                    + "},{\"reference\":\"then\"," + line + ",\"dependsOn\":[\"first\"]}]}").expect(202).json();
            first = batch.getJsonArray("orders").getJsonObject(0).getString("orderId");
            shop.awaitDeadLetter("/inventory/api/dead-letters", "order.placed", first);
        } finally {
            shop.releaseLock(lock);
        }
        JsonObject placed = shop.order(first);
        Instant placedAt = Instant.parse(placed.getString("placedAt"));
        assertEquals(PLACEMENT_TIMEOUT, Duration.between(placedAt, Instant.parse(placed.getString("confirmBy"))), placed.toString());

        JsonObject cancelled = shop.awaitStatus(first, "CANCELLED");
        assertTrue(cancelled.getString("reason").startsWith("not confirmed by"), cancelled.toString());
        Duration pending = Duration.between(placedAt, Instant.parse(cancelled.getString("updatedAt")));
        assertTrue(pending.compareTo(PLACEMENT_TIMEOUT.plus(SLACK)) <= 0, "ended within the bound, was PENDING for " + pending);

        JsonObject ended = api.await("/order/api/order-batches/" + batch.getString("batchId"), b -> !"RUNNING".equals(b.getString("status")),
                "the batch to end");
        assertEquals("FAILED", ended.getString("status"), ended.toString());
        assertEquals(List.of("CANCELLED", "SKIPPED"), ended.getJsonArray("orders").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getString("status")).toList(), ended.toString());
        api.await("/inventory/api/reservations/" + first, r -> !"RESERVED".equals(r.getString("status")), "the inventory to learn the cancel");
        JsonObject stock = shop.sku(fig);
        assertEquals(5, stock.getInt("available"), stock.toString());
        assertEquals(0, stock.getInt("reserved"), stock.toString());
    }
}
