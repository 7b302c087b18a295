package io.tradecoord.ear.flow;

import static io.tradecoord.ear.flow.TradingFlowIT.linesOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The member module on the EAR with real backends: registration, updates, loyalty points once, levels, bad input. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MemberFlowIT {

    private static final String MEMBERS = "/member/api/members";

    private final Shop shop = new Shop();
    private final Api api = shop.api;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return FlowEar.withRecorder();
    }

    @Test
    void registrationAndProfileUpdatesAreAnnounced() {
        String email = "Ada." + UUID.randomUUID() + "@Example.com";
        HttpTestClient.Reply registered = api.post(MEMBERS, "{\"email\":\"%s\",\"displayName\":\"Ada\"}".formatted(email)).expect(201);
        String id = registered.json().getString("memberId");
        assertTrue(registered.header("Location").endsWith(MEMBERS + "/" + id), registered.header("Location"));
        JsonObject member = api.get(MEMBERS + "/" + id).expect(200).json();
        assertEquals(email.toLowerCase(), member.getString("email"));
        assertEquals(0, member.getInt("points"));
        assertEquals("BRONZE", member.getString("level"));

        assertEquals("Ada L.", patch(id, "{\"displayName\":\"Ada L.\"}").expect(200).json().getString("displayName"));
        assertEquals(email.toLowerCase(), api.get(MEMBERS + "/" + id).expect(200).json().getString("email"), "a partial update keeps the rest");
        patch(id, "{\"displayName\":\"Ada L.\"}").expect(200);

        assertEquals(1, api.awaitEvents(id, "member.registered", 1).size());
        List<JsonObject> updates = api.awaitEvents(id, "member.updated", 1);
        Api.pause(1_000);
        assertEquals(1, api.events(id, "member.updated").size(), "an update that changes nothing announces nothing");
        // the events name the member and nothing personal: a consumer that needs the profile asks for it
        assertEquals(Json.createObjectBuilder().add("memberId", id).build(), Api.payload(api.events(id, "member.registered").get(0)));
        assertEquals(Json.createObjectBuilder().add("memberId", id).build(), Api.payload(updates.get(0)));

        JsonObject duplicate = api.post(MEMBERS, "{\"email\":\"%s\",\"displayName\":\"Other\"}".formatted(email.toUpperCase())).problem(409);
        assertTrue(duplicate.toString().toLowerCase().contains("email"), duplicate.toString());
    }

    @Test
    void concurrentRegistrationsOfOneEmailMakeOneMember() throws Exception {
        String email = "race-" + UUID.randomUUID() + "@example.com";
        ExecutorService clients = Executors.newFixedThreadPool(6);
        try {
            List<Future<Integer>> replies = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                replies.add(clients.submit(() -> api.post(MEMBERS, "{\"email\":\"%s\",\"displayName\":\"Racer\"}".formatted(email)).status()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> reply : replies) {
                statuses.add(reply.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            clients.shutdownNow();
        }
    }

    /** One point per whole currency unit of a paid order, once, even when order.paid arrives again; SILVER at 1 000. */
    @Test
    void loyaltyPointsAreAwardedOnceAndTheLevelChangeIsAnnounced() {
        String member = shop.member();
        String tv = shop.createSku("tv", "600.40", 5);
        String order = shop.place(member, linesOf(tv, 2));
        shop.awaitStatus(order, "CONFIRMED");
        shop.pay(order, "1200.80").expect(200);

        JsonObject rewarded = api.await(MEMBERS + "/" + member, m -> m.getInt("points") > 0, "points for order " + order);
        assertEquals(1200, rewarded.getInt("points"));
        assertEquals("SILVER", rewarded.getString("level"));
        JsonObject levelChange = Api.payload(api.awaitEvents(member, "member.level-changed", 1).get(0));
        assertEquals("BRONZE", levelChange.getString("previousLevel"));
        assertEquals("SILVER", levelChange.getString("level"));

        api.send("POST", "/flow-recorder/api/duplicates/order-paid?orderId=%s&memberId=%s&total=1200.80&times=2".formatted(order, member),
                null, null, Map.of()).expect(204);
        api.awaitEvents(order, "order.paid", 3);
        Api.pause(2_000); // the member module gets the copies about when the recorder does
        JsonObject after = api.get(MEMBERS + "/" + member).expect(200).json();
        assertEquals(1200, after.getInt("points"), "the copies of order.paid awarded nothing");
        assertEquals(1, api.get(MEMBERS + "/" + member + "/points-awards").expect(200).json().getInt("totalItems"));
        assertEquals(1, api.events(member, "member.level-changed").size());
    }

    @Test
    void everyMemberEndpointRefusesBadInputAndChangesNothing() {
        String email = "strict-" + UUID.randomUUID() + "@example.com";
        String valid = "{\"email\":\"%s\",\"displayName\":\"Strict\"}".formatted(email);
        api.post(MEMBERS, "{\"email\":").problem(400);
        api.post(MEMBERS, valid.replace("}", ",\"role\":\"admin\"}")).problem(400);
        api.post(MEMBERS, "{\"displayName\":\"Strict\"}").problem(400);
        api.post(MEMBERS, valid.replace(email, "not-an-email")).problem(400);
        api.post(MEMBERS, valid.replace("Strict", "")).problem(400);
        api.post(MEMBERS, valid.replace("Strict", "x".repeat(70 * 1024))).problem(413);
        api.send("POST", MEMBERS, "text/plain", valid, Map.of()).problem(415);
        api.get(MEMBERS + "?size=0").problem(400);
        api.get(MEMBERS + "/" + UUID.randomUUID()).problem(404);
        patch(UUID.randomUUID().toString(), "{\"displayName\":\"Ghost\"}").problem(404);

        String id = api.post(MEMBERS, valid).expect(201).json().getString("memberId");
        patch(id, "{\"displayName\":null}").problem(400);
        patch(id, "{\"displayName\":\"\"}").problem(400);
        patch(id, "{\"email\":\"nope\"}").problem(400);
        patch(id, "{\"nickname\":\"S\"}").problem(400);
        patch(id, "{\"displayName\":").problem(400);
        JsonObject unchanged = api.get(MEMBERS + "/" + id).expect(200).json();
        assertEquals("Strict", unchanged.getString("displayName"));
        assertEquals(email, unchanged.getString("email"));
    }

    private HttpTestClient.Reply patch(String id, String json) {
        return api.send("PATCH", MEMBERS + "/" + id, "application/merge-patch+json", json, Map.of());
    }
}
