package io.tradecoord.ear.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.DevTokens;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import jakarta.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what, on the EAR: MicroProfile JWT bearer tokens signed with the development key pair, the roles
 * customer / admin / operator, a customer's subject as its member id. Every refusal is problem+json and changes nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AuthorizationFlowIT {

    private static final String MEMBERS = "/member/api/members";
    private static final String ORDERS = "/order/api/orders";
    private static final String SKUS = "/inventory/api/skus";

    private final Shop shop = new Shop();
    private final Api staff = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    void aRequestWithoutAnAcceptedTokenIsRefusedWith401AndChangesNothing() {
        String code = shop.skuCode("unauthorized");
        String newSku = "{\"sku\":\"%s\",\"name\":\"x\",\"unitPrice\":1.00,\"initialStock\":5}".formatted(code);
        String email = "nobody-" + UUID.randomUUID() + "@example.com";
        String registration = "{\"email\":\"%s\",\"displayName\":\"Nobody\"}".formatted(email);
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("no token", null);
        tokens.put("signed with another key", DevTokens.signedByStranger("test-staff", "admin", "operator"));
        tokens.put("from another issuer", DevTokens.fromIssuer("https://elsewhere.example", "test-staff", "admin", "operator"));
        tokens.put("expired", DevTokens.token("test-staff", -5, "admin", "operator"));
        tokens.put("not a JWT", "not-a-jwt");

        tokens.forEach((what, token) -> {
            Api caller = staff.as(token);
            for (Reply reply : List.of(
                    caller.post(SKUS, newSku),
                    caller.post(MEMBERS, registration),
                    caller.get(MEMBERS),
                    caller.get(ORDERS + "/" + UUID.randomUUID()),
                    caller.get("/order/api/operations"),
                    caller.get("/inventory/api/dead-letters"),
                    caller.get("/member/api/dead-letters"))) {
                JsonObject problem = reply.problem(401);
                assertTrue(String.valueOf(reply.header("WWW-Authenticate")).startsWith("Bearer"), what + ", " + reply.request() + ": "
                        + reply.headers().map());
                if (token != null) {
                    assertFalse(reply.body().contains(token), what + ": the answer echoes the token: " + problem);
                }
            }
        });

        staff.get(SKUS + "/" + code).problem(404);
        assertEquals(0, memberCountWithEmail(email), "no member was registered");

        Api anonymous = staff.as(null);
        anonymous.get(SKUS).expect(200);
        for (String module : List.of("order", "inventory", "member")) {
            assertEquals(module, anonymous.get("/" + module + "/api/about").expect(200).json().getString("module"));
        }
        Reply page = anonymous.get("/order/api/operations/page").expect(200);
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
    }

    @Test
    void aCustomerReadsAndChangesOnlyItsOwnProfileAndOrders() {
        String apple = shop.createSku("apple", "2.50", 10);
        String alice = shop.member();
        String bob = shop.member();
        Api asAlice = staff.as(DevTokens.customer(alice));
        Api asBob = staff.as(DevTokens.customer(bob));
        JsonObject bobBefore = staff.get(MEMBERS + "/" + bob).expect(200).json();

        assertEquals(alice, asAlice.get(MEMBERS + "/" + alice).expect(200).json().getString("memberId"));
        Reply othersProfile = asAlice.get(MEMBERS + "/" + bob);
        othersProfile.problem(403);
        assertFalse(othersProfile.body().contains(bobBefore.getString("email")), "no PII of another member: " + othersProfile.body());
        asAlice.patch(MEMBERS + "/" + bob, "application/merge-patch+json", "{\"displayName\":\"Mallory\"}").problem(403);
        asAlice.get(MEMBERS).problem(403);
        asAlice.get(MEMBERS + "/" + bob + "/points-awards").problem(403);
        asAlice.post(MEMBERS, "{\"email\":\"x-" + UUID.randomUUID() + "@example.com\",\"displayName\":\"X\"}").problem(403);
        asAlice.get("/order/api/known-members/" + alice).expect(200);
        asAlice.get("/order/api/known-members/" + bob).problem(403);
        assertEquals(bobBefore, staff.get(MEMBERS + "/" + bob).expect(200).json(), "bob's profile is unchanged");

        asAlice.post(ORDERS, Shop.orderJson(bob, Map.of(apple, 1))).problem(403);
        asAlice.post("/order/api/order-batches", "{\"memberId\":\"" + bob + "\",\"orders\":[{\"reference\":\"a\",\"lines\":[{\"sku\":\""
                + apple + "\",\"quantity\":1}]}]}").problem(403);
        assertEquals(0, staff.get(ORDERS + "?memberId=" + bob).expect(200).json().getInt("totalItems"), "nothing placed for bob");

        String order = asAlice.post(ORDERS, Shop.orderJson(alice, Map.of(apple, 2))).expect(202).json().getString("orderId");
        JsonObject confirmed = shop.awaitStatus(order, "CONFIRMED");
        String total = confirmed.getJsonNumber("total").bigDecimalValue().toPlainString();
        assertEquals("CONFIRMED", asAlice.get(ORDERS + "/" + order).expect(200).json().getString("status"));
        assertEquals(1, asAlice.get(ORDERS + "?memberId=" + alice).expect(200).json().getInt("totalItems"));

        // to another customer, alice's order is as absent as one that does not exist
        asBob.get(ORDERS + "/" + order).problem(404);
        asBob.post(ORDERS + "/" + order + "/payment", "{\"amount\":" + total + "}").problem(404);
        asBob.post(ORDERS + "/" + order + "/cancellation", "{\"reason\":\"not mine\"}").problem(404);
        asBob.get(ORDERS + "?memberId=" + alice).problem(403);
        assertEquals("CONFIRMED", shop.order(order).getString("status"), "bob changed nothing");

        // the shop's own operations need the admin role
        asAlice.post(SKUS, "{\"sku\":\"%s\",\"name\":\"x\",\"unitPrice\":1.00,\"initialStock\":5}".formatted(shop.skuCode("mine"))).problem(403);
        asAlice.post(SKUS + "/" + apple + "/adjustments", "{\"delta\":100,\"reason\":\"free stock\"}").problem(403);
        asAlice.get(SKUS + "/" + apple + "/movements").problem(403);
        asAlice.get("/inventory/api/reservations/" + order).problem(403);
        assertEquals(10, shop.sku(apple).getInt("onHand"), "no stock was added");

        assertEquals("PAID", asAlice.post(ORDERS + "/" + order + "/payment", "{\"amount\":" + total + "}").expect(200).json().getString("status"));
        asAlice.send("POST", ORDERS + "/" + order + "/shipment", null, null, Map.of()).problem(403);
        assertEquals("SHIPPED", shop.ship(order).expect(200).json().getString("status"));

        asAlice.get("/order/api/dead-letters").problem(403);
        asAlice.get("/order/api/operations").problem(403);
    }

    @Test
    void anOperatorWorksTheDeadLettersButSeesNoMemberProfile() {
        String member = shop.member();
        Api operator = staff.as(DevTokens.token("test-operator", 60, "operator"));
        for (String module : List.of("order", "inventory", "member")) {
            operator.get("/" + module + "/api/dead-letters").expect(200);
        }
        assertTrue(operator.get("/order/api/operations").expect(200).json().containsKey("modules"));
        operator.get(MEMBERS + "/" + member).problem(403);
        operator.get(MEMBERS).problem(403);
        operator.post(SKUS, "{\"sku\":\"%s\",\"name\":\"x\",\"unitPrice\":1.00,\"initialStock\":5}".formatted(shop.skuCode("op"))).problem(403);

        Api admin = staff.as(DevTokens.token("test-admin", 60, "admin"));
        admin.get(MEMBERS + "/" + member).expect(200);
        admin.get("/inventory/api/dead-letters").problem(403);
        admin.get("/order/api/operations").problem(403);
    }

    @Test
    void anIdempotencyKeyBelongsToItsCaller() {
        String plum = shop.createSku("plum", "1.00", 10);
        String alice = shop.member();
        String bob = shop.member();
        Map<String, String> key = Map.of("Idempotency-Key", "same-key-" + UUID.randomUUID());

        Reply first = staff.as(DevTokens.customer(alice)).post(ORDERS, Shop.orderJson(alice, Map.of(plum, 1)), key).expect(202);
        Reply others = staff.as(DevTokens.customer(bob)).post(ORDERS, Shop.orderJson(bob, Map.of(plum, 1)), key).expect(202);
        assertNotEquals(first.json().getString("orderId"), others.json().getString("orderId"), "bob's request is his own");
        assertNull(others.header("Idempotent-Replayed"), "bob was not given alice's answer");
        assertEquals(bob, others.json().getString("memberId"));

        Reply again = staff.as(DevTokens.customer(alice)).post(ORDERS, Shop.orderJson(alice, Map.of(plum, 1)), key).expect(202);
        assertEquals(first.json().getString("orderId"), again.json().getString("orderId"));
        assertEquals("true", again.header("Idempotent-Replayed"));
    }

    @Test
    void tokensNeverReachTheServerLog() {
        String member = shop.member();
        String valid = DevTokens.customer(member);
        String refused = DevTokens.signedByStranger(member, "customer");
        staff.as(valid).get(MEMBERS + "/" + member).expect(200);
        staff.as(valid).get(MEMBERS).problem(403);
        staff.as(refused).get(MEMBERS + "/" + member).problem(401);
        // a token's signature is what makes it usable: neither token's may be written down
        for (String token : List.of(valid, refused)) {
            String signature = token.substring(token.lastIndexOf('.') + 1);
            assertFalse(ServerLog.mentions(signature), "the server log holds a bearer token");
        }
    }

    private int memberCountWithEmail(String email) {
        return (int) staff.get(MEMBERS + "?size=100&page=" + lastPage()).expect(200).json().getJsonArray("items")
                .getValuesAs(JsonObject.class).stream().filter(m -> email.equalsIgnoreCase(m.getString("email"))).count();
    }

    private int lastPage() {
        return Math.max(0, staff.get(MEMBERS + "?size=100").expect(200).json().getInt("totalPages") - 1);
    }
}
