package io.tradecoord.ear.flow;

import static io.tradecoord.ear.flow.TradingFlowIT.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The automatic cancel of unpaid orders, on a server configured with a short payment window
 * ({@code order.payment-timeout=PT10S}, scanned every 200 ms; see the ear pom's *-expiry executions).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class PaymentExpiryIT {

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    void aConfirmedOrderNotPaidInTimeIsCancelledAndItsStockComesBack() {
        String lime = shop.createSku("lime", "0.50", 10);
        String member = shop.member();
        String order = shop.place(member, linesOf(lime, 4));
        shop.awaitStatus(order, "CONFIRMED");

        JsonObject cancelled = shop.awaitStatus(order, "CANCELLED");
        assertEquals(List.of("PENDING", "CONFIRMED", "CANCELLED"), TradingFlowIT.statuses(cancelled));
        assertTrue(Api.payload(api.awaitEvents(order, "order.cancelled", 1).get(0)).getBoolean("automatic"), "cancelled automatically");
        api.await("/inventory/api/skus/" + lime, s -> s.getInt("available") == 10 && s.getInt("reserved") == 0, "the stock comes back");
        assertEquals("CANCELLED", shop.pay(order, "2.00").problem(409).getString("currentStatus"), "too late to pay");
    }

    /**
     * Pays each order at a moment chosen relative to its deadline, while the scanner cancels overdue ones: a third
     * well before it (must win), a third after it (must lose: the server sees the deadline passed), a third at a
     * random moment within 400 ms of it (either, but exactly one winner). Each order is placed, and its payment
     * scheduled, only once the one before is confirmed, so a slow server shrinks no order's window.
     */
    @Test
    void paymentRacingTheAutomaticCancelHasExactlyOneWinner() throws Exception {
        int orders = 24;
        String melon = shop.createSku("melon", "3.00", orders);
        String member = shop.member();
        List<String> ids = new ArrayList<>();
        List<Timing> timings = new ArrayList<>();
        ExecutorService payers = Executors.newFixedThreadPool(orders);
        List<Future<Integer>> payments = new ArrayList<>();
        try {
            for (int i = 0; i < orders; i++) {
                String id = shop.place(member, linesOf(melon, 1));
                JsonObject confirmed = shop.settled(id);
                assertEquals("CONFIRMED", confirmed.getString("status"), confirmed.toString());
                Instant payBy = Instant.parse(confirmed.getString("payBy"));
                Timing timing = Timing.values()[i % Timing.values().length];
                Instant at = timing.payAt(payBy, Instant.now());
                ids.add(id);
                timings.add(timing);
                payments.add(payers.submit(() -> {
                    long wait = Duration.between(Instant.now(), at).toMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return shop.pay(id, "3.00").status();
                }));
            }
            int paid = 0;
            int cancelled = 0;
            for (int i = 0; i < orders; i++) {
                String id = ids.get(i);
                int status = payments.get(i).get();
                JsonObject order = shop.order(id);
                switch (timings.get(i)) {
                    case EARLY -> assertEquals(200, status, "a payment well before the deadline wins: " + order);
                    case LATE -> assertEquals(409, status, "a payment after the deadline loses: " + order);
                    case RACING -> assertTrue(status == 200 || status == 409, "the payment of " + id + " either wins (200) or finds it cancelled (409): " + status);
                }
                if (status == 200) {
                    paid++;
                    assertEquals("PAID", order.getString("status"), order.toString());
                } else {
                    cancelled++;
                    assertEquals("CANCELLED", order.getString("status"), order.toString());
                }
                List<String> history = TradingFlowIT.statuses(order);
                assertEquals(1, history.stream().filter(s -> s.equals("PAID") || s.equals("CANCELLED")).count(), "one winner: " + history);
                String winner = status == 200 ? "order.paid" : "order.cancelled";
                String loser = status == 200 ? "order.cancelled" : "order.paid";
                assertEquals(1, api.awaitEvents(id, winner, 1).size(), winner + " of " + id);
                assertEquals(0, api.events(id, loser).size(), "no " + loser + " for " + id);
                String reservation = status == 200 ? "SOLD" : "RELEASED";
                api.await("/inventory/api/reservations/" + id, r -> reservation.equals(r.getString("status")), "reservation of " + id + " " + reservation);
            }
            System.out.printf("payment vs automatic cancel on %s: %d paid, %d cancelled%n", System.getProperty("server.name"), paid, cancelled);
            api.await("/inventory/api/skus/" + melon, s -> s.getInt("reserved") == 0, "no unit stays reserved");
            JsonObject stock = shop.sku(melon);
            assertEquals(orders - paid, stock.getInt("available"), stock.toString());
            assertEquals(orders - paid, stock.getInt("onHand"), stock.toString());
        } finally {
            payers.shutdownNow();
        }
    }

    /** When a payment is sent, relative to its order's deadline. */
    private enum Timing {
        /** At once: the whole window (seconds) ahead of it. */
        EARLY,
        /** 600 ms after it: the server's clock (this machine's) says the deadline passed. */
        LATE,
        /** Within 400 ms of it, either side. */
        RACING;

        Instant payAt(Instant payBy, Instant now) {
            return switch (this) {
                case EARLY -> now;
                case LATE -> payBy.plusMillis(600);
                case RACING -> payBy.plusMillis(ThreadLocalRandom.current().nextLong(-400, 400));
            };
        }
    }
}
