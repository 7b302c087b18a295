package io.tradecoord.ear.flow;

import static io.tradecoord.ear.flow.TradingFlowIT.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every endpoint of the inventory and order modules refuses bad input with a problem+json 4xx and changes nothing,
 * on the server's own JAX-RS implementation (RESTEasy on WildFly, Jersey on Payara).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BadInputFlowIT {

    private static final String BIG = "x".repeat(70 * 1024);

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    void skuCreationRefusesBadInputAndCreatesNothing() {
        String code = shop.skuCode("bad");
        String skus = "/inventory/api/skus";
        String valid = "{\"sku\":\"%s\",\"name\":\"Bad\",\"unitPrice\":1.00,\"initialStock\":1}".formatted(code);
        api.post(skus, "{\"sku\":\"" + code + "\",").problem(400);
        api.post(skus, valid.replace("}", ",\"colour\":\"red\"}")).problem(400);
        api.post(skus, "{\"sku\":\"%s\",\"unitPrice\":1.00,\"initialStock\":1}".formatted(code)).problem(400);
        api.post(skus, valid.replace("1.00", "-1.00")).problem(400);
        api.post(skus, valid.replace("1.00", "0")).problem(400);
        api.post(skus, valid.replace("1.00", "1.001")).problem(400);
        api.post(skus, valid.replace("\"initialStock\":1", "\"initialStock\":-1")).problem(400);
        api.post(skus, valid.replace("\"initialStock\":1", "\"initialStock\":\"many\"")).problem(400);
        api.post(skus, valid.replace(code, "no spaces allowed")).problem(400);
        api.post(skus, valid.replace("Bad", BIG)).problem(413);
        api.send("POST", skus, "text/plain", valid, Map.of()).problem(415);
        api.send("POST", skus, Api.JSON, null, Map.of()).problem(400);
        api.post(skus, "[]").problem(400);
        api.get(skus + "/" + code).problem(404);

        api.post(skus, valid).expect(201);
        JsonObject duplicate = api.post(skus, valid.replace("Bad", "Other name")).problem(409);
        assertTrue(duplicate.getString("detail", "").contains(code), duplicate.toString());
        assertEquals("Bad", shop.sku(code).getString("name"), "the duplicate changed nothing");
    }

    @Test
    void listsAndAdjustmentsRefuseBadInput() {
        String code = shop.createSku("adjust", "2.00", 5);
        api.get("/inventory/api/skus?size=0").problem(400);
        api.get("/inventory/api/skus?size=1000").problem(400);
        api.get("/inventory/api/skus?page=-1").problem(400);
        String adjustments = "/inventory/api/skus/" + code + "/adjustments";
        api.post(adjustments, "{\"delta\":0,\"reason\":\"nothing\"}").problem(400);
        api.post(adjustments, "{\"delta\":3}").problem(400);
        api.post(adjustments, "{\"delta\":3,\"reason\":\"\"}").problem(400);
        api.post(adjustments, "{\"delta\":-6,\"reason\":\"shrinkage\"}").problem(409);
        api.post("/inventory/api/skus/" + shop.skuCode("ghost") + "/adjustments", "{\"delta\":3,\"reason\":\"restock\"}").problem(404);
        api.get("/inventory/api/reservations/" + UUID.randomUUID()).problem(404);
        JsonObject unchanged = shop.sku(code);
        assertEquals(5, unchanged.getInt("onHand"));
        assertEquals(5, unchanged.getInt("available"));

        assertEquals(8, api.post(adjustments, "{\"delta\":3,\"reason\":\"restock\"}").expect(200).json().getInt("available"));
    }

    @Test
    void placingRefusesBadInputAndPlacesNothing() {
        String code = shop.createSku("guard", "1.00", 10);
        String member = shop.member();
        String orders = "/order/api/orders";
        String valid = Shop.orderJson(member, linesOf(code, 1));
        api.post(orders, "{\"memberId\":").problem(400);
        api.post(orders, valid.replace("{\"memberId\"", "{\"coupon\":\"FREE\",\"memberId\"")).problem(400);
        api.post(orders, "{\"lines\":[{\"sku\":\"" + code + "\",\"quantity\":1}]}").problem(400);
        api.post(orders, "{\"memberId\":\"" + member + "\",\"lines\":[]}").problem(400);
        api.post(orders, valid.replace("\"quantity\":1", "\"quantity\":0")).problem(400);
        api.post(orders, valid.replace("\"quantity\":1", "\"quantity\":-2")).problem(400);
        api.post(orders, valid.replace("\"quantity\":1", "\"quantity\":\"one\"")).problem(400);
        api.post(orders, valid.replace(code, "")).problem(400);
        StringBuilder tooMany = new StringBuilder("{\"memberId\":\"" + member + "\",\"lines\":[");
        for (int i = 0; i < 51; i++) {
            tooMany.append(i == 0 ? "" : ",").append("{\"sku\":\"sku-").append(i).append("\",\"quantity\":1}");
        }
        api.post(orders, tooMany.append("]}").toString()).problem(400);
        api.post(orders, valid.replace(member, BIG)).problem(413);
        api.send("POST", orders, "application/xml", "<order/>", Map.of()).problem(415);
        api.post(orders, valid, Map.of("Idempotency-Key", "")).problem(400);

        assertEquals(0, api.get(orders + "?memberId=" + member).expect(200).json().getInt("totalItems"), "nothing was placed");
        assertEquals(0, shop.sku(code).getInt("reserved"));
    }

    /** What a fuzzer run over the OpenAPI document found answered with 500, 202 or the server's own pages. */
    @Test
    void hostileInputIsAnsweredWithProblemJsonAndChangesNothing() {
        String code = shop.createSku("hostile", "1.00", 10);
        String member = shop.member();
        String orders = "/order/api/orders";
        api.post(orders, "[" + Shop.orderJson(member, linesOf(code, 1)) + "]").problem(400);
        assertEquals(0, api.get(orders + "?memberId=" + member).expect(200).json().getInt("totalItems"), "the array placed nothing");

        String deep = "{\"displayName\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        String profile = "/member/api/members/" + member;
        String before = api.get(profile).expect(200).body();
        api.send("PATCH", profile, "application/merge-patch+json", deep, Map.of()).problem(400);
        api.post("/inventory/api/skus", "{\"sku\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_001)).problem(400);
        assertEquals(before, api.get(profile).expect(200).body(), "the deep patch changed nothing");

        String tenMegabytes = "{\"sku\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        api.post("/inventory/api/skus", tenMegabytes).problem(413);
        api.send("PATCH", profile, "application/merge-patch+json", tenMegabytes, Map.of()).problem(413);

        for (String module : new String[] {"/order", "/inventory", "/member"}) {
            api.get(module + "/no-such-page").problem(404);
            api.get(module + "/api/no-such-resource").problem(404);
            // the servers' static-file servlets differ here: WildFly refuses DELETE with 405, Payara with 403
            HttpTestClient.Reply delete = api.send("DELETE", module + "/no-such-page", null, null, Map.of());
            delete.problem(delete.status() == 405 || delete.status() == 403 ? delete.status() : 404);
            api.send("PUT", module + "/api/about", Api.JSON, "{}", Map.of()).problem(405);
        }
        api.send("DELETE", orders, null, null, Map.of()).problem(405);
        assertEquals(0, shop.sku(code).getInt("reserved"));
    }

    @Test
    void readingAndTransitionsRefuseBadInput() {
        String code = shop.createSku("state", "2.00", 10);
        String member = shop.member();
        String unknown = UUID.randomUUID().toString();
        api.get("/order/api/orders/" + unknown).problem(404);
        api.get("/order/api/orders").problem(400);
        api.get("/order/api/orders?memberId=" + member + "&status=LOST").problem(400);
        api.get("/order/api/orders?memberId=" + member + "&size=0").problem(400);
        shop.pay(unknown, "1.00").problem(404);
        shop.ship(unknown).problem(404);
        shop.cancel(unknown).problem(404);
        api.get("/order/api/no-such-resource").problem(404);

        String order = shop.place(member, linesOf(code, 2));
        shop.awaitStatus(order, "CONFIRMED");
        assertEquals("CONFIRMED", shop.ship(order).problem(409).getString("currentStatus"), "an unpaid order cannot ship");
        shop.pay(order, "3.99").problem(422);
        api.post("/order/api/orders/" + order + "/payment", "{\"amount\":").problem(400);
        api.post("/order/api/orders/" + order + "/payment", "{}").problem(400);
        api.send("POST", "/order/api/orders/" + order + "/payment", "text/plain", "4.00", Map.of()).problem(415);
        assertEquals("CONFIRMED", shop.order(order).getString("status"), "the refused payments changed nothing");
        assertEquals(0, api.events(order, "order.paid").size());

        shop.pay(order, "4.00").expect(200);
        assertEquals("PAID", shop.cancel(order).problem(409).getString("currentStatus"), "a paid order cannot be cancelled");
    }
}
