package io.tradecoord.ear.flow;

import static io.tradecoord.ear.flow.TradingFlowIT.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import java.io.File;
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
}
