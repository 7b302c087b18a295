package io.tradecoord.ear.flow;

import static io.tradecoord.ear.flow.TradingFlowIT.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.File;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The data outlives a redeploy: stock, members, orders and batches are still there afterwards, and the modules
 * go on with them. Runs on the embedded defaults (in-JVM locks and bus) where a redeploy also starts a new lock
 * registry: the fenced rows written before must still accept the new run's writes.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RedeployInContainerIT {

    private static final String EAR = "tradecoord";

    @ArquillianResource
    Deployer deployer;

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(name = EAR, managed = false, testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.create(ZipImporter.class, "tradecoord.ear").importFrom(new File(System.getProperty("ear.file"))).as(EnterpriseArchive.class);
    }

    @Test
    void aRedeployKeepsTheDataAndTheModulesGoOnWithIt() {
        deployer.deploy(EAR);
        String sku;
        String member;
        String order;
        try {
            sku = shop.createSku("keep", "5.00", 10);
            member = shop.member();
            order = shop.place(member, linesOf(sku, 3));
            shop.awaitStatus(order, "CONFIRMED");
        } finally {
            deployer.undeploy(EAR);
        }

        deployer.deploy(EAR);
        try {
            JsonObject stock = shop.sku(sku);
            assertEquals(7, stock.getInt("available"), stock.toString());
            assertEquals("CONFIRMED", shop.order(order).getString("status"));
            assertEquals(member, api.get("/member/api/members/" + member).expect(200).json().getString("memberId"));
            api.await("/order/api/known-members/" + member, known -> true, "the order module still knows " + member);

            // writes after the redeploy: a new lock registry, the same fenced rows
            assertEquals("PAID", shop.pay(order, "15.00").expect(200).json().getString("status"));
            api.await("/inventory/api/skus/" + sku, s -> s.getInt("onHand") == 7 && s.getInt("reserved") == 0, "the sale after the redeploy");
            api.post("/inventory/api/skus/" + sku + "/adjustments", "{\"delta\":5,\"reason\":\"restock\"}").expect(200);
            String next = shop.place(member, linesOf(sku, 12));
            assertEquals("CONFIRMED", shop.settled(next).getString("status"));
            assertEquals(0, shop.sku(sku).getInt("available"));
        } finally {
            deployer.undeploy(EAR);
        }
    }

    /**
     * Undeployed while the sagas run: handlers in flight finish or hand their event back, nothing is dead-lettered
     * for the module's own stop, and after the next deployment every order reaches its final state.
     */
    @Test
    void anUndeployWhileEventsFlowDeadLettersNothingAndTheSagasFinishAfterwards() {
        int orders = 160;
        deployer.deploy(EAR);
        String sku;
        String member;
        List<String> placed = new CopyOnWriteArrayList<>();
        try {
            sku = shop.createSku("busy", "2.00", 1_000);
            member = shop.member();
            // 8 buyers at once place faster than the sagas confirm: a backlog is still in flight at the undeploy
            ExecutorService buyers = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < orders; i++) {
                    done.add(buyers.submit(() -> placed.add(shop.placeWaitingOutBackpressure(member, linesOf(sku, 1)))));
                }
                for (Future<?> order : done) {
                    order.get(60, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new AssertionError("placing failed", e);
            } finally {
                buyers.shutdownNow();
            }
        } finally {
            deployer.undeploy(EAR); // at once: many of the sagas are still running
        }

        deployer.deploy(EAR);
        try {
            for (String order : placed) {
                assertEquals("CONFIRMED", shop.settled(order).getString("status"), order);
            }
            api.await("/inventory/api/skus/" + sku, s -> s.getInt("available") == 1_000 - orders && s.getInt("reserved") == orders,
                    "every order reserved exactly once");
            Set<String> ours = new HashSet<>(placed);
            ours.add(sku);
            ours.add(member);
            for (String module : List.of("order", "inventory", "member")) {
                List<JsonObject> letters = api.get("/" + module + "/api/dead-letters?pending=true&size=100").expect(200).json()
                        .getJsonArray("items").getValuesAs(JsonObject.class).stream()
                        .filter(letter -> ours.contains(letter.getString("key", ""))).toList();
                assertEquals(List.of(), letters, module + " dead-lettered what its own stop broke");
            }
        } finally {
            deployer.undeploy(EAR);
        }
    }
}
