package io.tradecoord.member.boundary;

import static io.tradecoord.member.boundary.HttpCalls.JSON;
import static io.tradecoord.member.boundary.HttpCalls.MERGE_PATCH;
import static io.tradecoord.member.boundary.HttpCalls.await;
import static io.tradecoord.member.boundary.HttpCalls.expect;
import static io.tradecoord.member.boundary.HttpCalls.expectProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.DevTokens;
import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import io.tradecoord.member.probe.PaidOrder;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
 * The module as its own service: the built micro WAR on Payara Micro (H2, in-JVM bus and locks), plus test-only
 * classes (package {@code probe}) that stand in for the order module (they fire {@code order.paid}) and for a
 * consumer of the member events.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MemberOnPayaraMicroIT {

    @Deployment(testable = false)
    static WebArchive microWar() {
        String version = System.getProperty("application.version");
        File war = new File("target/member-module-" + version + "-micro.war");
        return ShrinkWrap.create(ZipImporter.class, "member.war").importFrom(war).as(WebArchive.class)
                .addPackage(PaidOrder.class.getPackage());
    }

    @ArquillianResource
    URL baseUrl;

    HttpCalls http;

    @BeforeEach
    void client() throws Exception {
        // Micro binds HTTP to 127.0.0.1 only (scripts/payara-micro/loopback.asadmin), but the adapter reports
        // the URL with the machine's first non-loopback address: keep its port and path, use loopback.
        http = new HttpCalls(new URI("http", null, "127.0.0.1", baseUrl.getPort(), baseUrl.getPath() + "api/", null, null));
    }

    @Test
    void aboutDescribesTheModuleOnItsOwnRuntime() {
        JsonObject json = expect(200, http.get("about"));
        assertEquals("/member/", baseUrl.getPath(), "context root of the micro WAR");
        assertEquals("member", json.getString("module"));
        assertEquals(System.getProperty("application.version"), json.getString("version"));
        assertEquals("local", json.getString("lockBackend"));
        assertEquals("local", json.getString("busBackend"));
        assertFalse(json.getString("runtimeId").isBlank());
    }

    /** MicroProfile Health on Micro: the library's readiness check reports the module's backends and outbox. */
    @Test
    void readinessReportsTheBackendsAndTheModulesOutbox() throws Exception {
        Reply ready = http.get("/health/ready");
        assertEquals(200, ready.status(), ready.body());
        JsonObject check = ready.json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject).filter(c -> c.getString("name").equals("coordination")).findFirst().orElseThrow();
        assertEquals("UP", check.getString("status"), ready.body());
        JsonObject data = check.getJsonObject("data");
        assertEquals("local UP", data.getString("locks"), ready.body());
        assertEquals("local UP", data.getString("bus"), ready.body());
        assertTrue(data.keySet().stream().anyMatch(key -> key.endsWith(".outbox.unsent")), ready.body());
    }

    // --- register, read, list, update ---

    /** MicroProfile JWT on Payara Micro: a customer's token opens its own profile only; no token or a forged one opens nothing. */
    @Test
    void onlyTheMemberItselfOrAnAdminReadsAndChangesAProfile() {
        String own = expect(201, register(uniqueEmail("Own"), "Own")).getString("memberId");
        JsonObject other = expect(201, register(uniqueEmail("Other"), "Other"));
        String otherId = other.getString("memberId");
        HttpCalls customer = http.as(DevTokens.customer(own));

        assertEquals(own, expect(200, customer.get("members/" + own)).getString("memberId"));
        Reply refused = customer.get("members/" + otherId);
        expectProblem(403, refused);
        assertFalse(refused.body().contains(other.getString("email")), refused.body());
        expectProblem(403, customer.patch("members/" + otherId, MERGE_PATCH, "{\"displayName\":\"Mallory\"}"));
        expectProblem(403, customer.get("members"));
        expectProblem(403, customer.post("members", JSON, "{\"email\":\"%s\",\"displayName\":\"X\"}".formatted(uniqueEmail("X"))));
        expectProblem(403, customer.get("dead-letters"));
        assertEquals("Other", expect(200, http.get("members/" + otherId)).getString("displayName"), "nothing changed");

        Reply anonymous = http.as(null).get("members/" + own);
        expectProblem(401, anonymous);
        assertTrue(String.valueOf(anonymous.header("WWW-Authenticate")).startsWith("Bearer"), anonymous.headers().map() + " " + anonymous.body());
        expectProblem(401, http.as(DevTokens.signedByStranger(own, "customer", "admin")).get("members/" + own));
        expectProblem(401, http.as(DevTokens.token(own, -5, "customer")).get("members/" + own));
        expectProblem(401, http.as(null).get("dead-letters"));
        expect(200, http.as(null).get("about"));
        expect(200, http.as(DevTokens.token("test-operator", 60, "operator")).get("dead-letters"));
    }

    @Test
    void registerAnswers201WithLocationAndTheMemberAndPublishesMemberRegistered() {
        String email = uniqueEmail("Ada.Lovelace");
        Reply created = register(email, "  Ada  ");

        JsonObject member = expect(201, created);
        String id = member.getString("memberId");
        URI location = URI.create(created.headers().firstValue("Location").orElseThrow());
        assertEquals("/member/api/members/" + id, location.getPath());
        assertEquals(email.toLowerCase(), member.getString("email"), "stored lower-cased");
        assertEquals("Ada", member.getString("displayName"), "surrounding blanks dropped");
        assertEquals(0, member.getJsonNumber("points").longValue());
        assertEquals("BRONZE", member.getString("level"));
        assertEquals(member.getString("registeredAt"), member.getString("updatedAt"));
        Instant.parse(member.getString("registeredAt"));

        assertEquals(member, expect(200, http.get("members/" + id)));

        List<JsonObject> events = awaitEvents(id, 1);
        assertEquals("member.registered", events.get(0).getString("topic"));
        assertEquals(Json.createObjectBuilder().add("memberId", id).build(), events.get(0).getJsonObject("fields"), "the id, nothing personal");
    }

    @Test
    void patchChangesOnlyWhatItNamesAndPublishesMemberUpdatedOnlyForRealChanges() throws Exception {
        JsonObject registered = expect(201, register(uniqueEmail("grace"), "Grace"));
        String id = registered.getString("memberId");
        Thread.sleep(5); // updatedAt must move visibly

        JsonObject renamed = expect(200, http.patch("members/" + id, MERGE_PATCH, "{\"displayName\":\"Grace H.\"}"));
        assertEquals("Grace H.", renamed.getString("displayName"));
        assertEquals(registered.getString("email"), renamed.getString("email"));
        assertEquals(registered.getString("registeredAt"), renamed.getString("registeredAt"));
        assertTrue(Instant.parse(renamed.getString("updatedAt")).isAfter(Instant.parse(registered.getString("updatedAt"))));

        String newEmail = uniqueEmail("Grace.Hopper");
        JsonObject moved = expect(200, http.patch("members/" + id, JSON, "{\"email\":\"" + newEmail + "\"}"));
        assertEquals(newEmail.toLowerCase(), moved.getString("email"));
        assertEquals("Grace H.", moved.getString("displayName"));

        // the same values again (the address in other case): nothing changes, nothing is published
        JsonObject same = expect(200, http.patch("members/" + id, MERGE_PATCH,
                "{\"email\":\"" + newEmail.toUpperCase() + "\",\"displayName\":\"Grace H.\"}"));
        assertEquals(moved, same);
        assertEquals(moved, expect(200, http.patch("members/" + id, MERGE_PATCH, "{}")));

        // a last real change: its event arrives after any the no-change patches could have published (same key)
        expect(200, http.patch("members/" + id, MERGE_PATCH, "{\"displayName\":\"Admiral Hopper\"}"));
        List<JsonObject> events = awaitEvents(id, 4);
        assertEquals(List.of("member.registered", "member.updated", "member.updated", "member.updated"), topics(events));
        for (JsonObject event : events) {
            assertEquals(Json.createObjectBuilder().add("memberId", id).build(), event.getJsonObject("fields"), "the id, nothing personal");
        }
        Thread.sleep(500);
        assertEquals(4, events(id).size(), "no event for the patches that changed nothing");
    }

    @Test
    void listPagesThroughMembersInRegistrationOrder() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(expect(201, register(uniqueEmail("list" + i), "List " + i)).getString("memberId"));
        }

        JsonObject firstPage = expect(200, http.get("members?page=0&size=2"));
        assertEquals(0, firstPage.getInt("page"));
        assertEquals(2, firstPage.getInt("size"));
        assertEquals(2, firstPage.getJsonArray("items").size());
        long total = firstPage.getJsonNumber("totalItems").longValue();
        assertTrue(total >= 3, "totalItems " + total);
        assertEquals((total + 1) / 2, firstPage.getJsonNumber("totalPages").longValue());
        assertEquals(Math.min(20, total), expect(200, http.get("members")).getJsonArray("items").size(), "default size 20");

        List<String> all = allMemberIds();
        assertEquals(total, all.size(), "pages neither overlap nor leave gaps");
        List<Integer> positions = mine.stream().map(all::indexOf).toList();
        assertTrue(positions.get(0) >= 0 && positions.get(0) < positions.get(1) && positions.get(1) < positions.get(2), positions.toString());

        JsonObject beyond = expect(200, http.get("members?page=1000&size=100"));
        assertEquals(0, beyond.getJsonArray("items").size());
    }

    // --- duplicate addresses ---

    @Test
    void aDuplicateEmailIsAConflictWhateverItsCase() {
        String email = uniqueEmail("dup");
        JsonObject first = expect(201, register(email, "First"));
        long before = totalMembers();

        JsonObject problem = expectProblem(409, register(email.toUpperCase(), "Second"));
        assertTrue(problem.getString("detail").contains(email.toLowerCase()), problem.toString());

        JsonObject other = expect(201, register(uniqueEmail("other"), "Other"));
        expectProblem(409, http.patch("members/" + other.getString("memberId"), MERGE_PATCH, "{\"email\":\"" + email + "\"}"));

        assertEquals(before + 1, totalMembers());
        assertEquals(other, expect(200, http.get("members/" + other.getString("memberId"))), "the refused patch changed nothing");
        assertEquals(first, expect(200, http.get("members/" + first.getString("memberId"))));
    }

    @Test
    void concurrentRegistrationsOfOneAddressMakeExactlyOneMember() throws Exception {
        String email = uniqueEmail("race");
        int contenders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Reply>> answers = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                String spelling = i % 2 == 0 ? email : email.toUpperCase();
                Callable<Reply> attempt = () -> {
                    start.await();
                    return register(spelling, "Racer");
                };
                answers.add(pool.submit(attempt));
            }
            start.countDown();
            Map<Integer, Long> statuses = new TreeMap<>();
            for (Future<Reply> answer : answers) {
                Reply response = answer.get();
                statuses.merge(response.status(), 1L, Long::sum);
                if (response.status() == 409) {
                    expectProblem(409, response);
                }
            }
            assertEquals(Map.of(201, 1L, 409, (long) contenders - 1), statuses);
        } finally {
            pool.shutdownNow();
        }
        long withAddress = allMembers().stream().filter(m -> m.getString("email").equals(email.toLowerCase())).count();
        assertEquals(1, withAddress);
    }

    // --- bad input ---

    @Test
    void badInputOnEveryEndpointIsAProblemAndChangesNothing() throws Exception {
        JsonObject member = expect(201, register(uniqueEmail("steady"), "Steady"));
        String id = member.getString("memberId");
        String path = "members/" + id;
        String unknown = "members/" + UUID.randomUUID();
        String huge = "{\"email\":\"x@example.com\",\"displayName\":\"" + "x".repeat(70_000) + "\"}";
        long before = totalMembers();

        // POST /members
        expectProblem(400, http.post("members", JSON, "{\"email\":"));
        expectProblem(400, http.post("members", JSON, "[]"));
        expectProblem(400, http.post("members", JSON, ""));
        expectProblem(400, http.post("members", JSON, "{\"email\":\"a@example.com\",\"displayName\":\"A\",\"points\":5000}"));
        expectProblem(400, http.post("members", JSON, "{\"email\":\"" + uniqueEmail("typed") + "\",\"displayName\":5}"));
        expectProblem(400, http.post("members", JSON, "{\"email\":[\"" + uniqueEmail("typed") + "\"],\"displayName\":\"A\"}"));
        assertViolation("displayName", expectProblem(400, http.post("members", JSON, "{\"email\":\"" + uniqueEmail("a") + "\"}")));
        assertViolation("email", expectProblem(400, http.post("members", JSON, "{\"displayName\":\"A\"}")));
        for (String email : List.of("not-an-email", "a@b", "a b@example.com", "a@@example.com", "", longEmail(255), "a\\u0007@example.com")) {
            assertViolation("email", expectProblem(400, http.post("members", JSON, "{\"email\":\"" + email + "\",\"displayName\":\"A\"}")));
        }
        for (String name : List.of("", "   ", "n".repeat(101))) {
            assertViolation("displayName", expectProblem(400, http.post("members", JSON,
                    "{\"email\":\"" + uniqueEmail("n") + "\",\"displayName\":\"" + name + "\"}")));
        }
        expectProblem(413, http.post("members", JSON, huge));
        expectProblem(415, http.post("members", "text/plain", "{\"email\":\"" + uniqueEmail("t") + "\",\"displayName\":\"T\"}"));

        // PATCH /members/{id}
        assertViolation("email", expectProblem(400, http.patch(path, MERGE_PATCH, "{\"email\":null}")));
        assertViolation("displayName", expectProblem(400, http.patch(path, MERGE_PATCH, "{\"displayName\":null}")));
        assertViolation("displayName", expectProblem(400, http.patch(path, MERGE_PATCH, "{\"displayName\":\"\"}")));
        assertViolation("displayName", expectProblem(400, http.patch(path, MERGE_PATCH, "{\"displayName\":\"  \"}")));
        assertViolation("email", expectProblem(400, http.patch(path, JSON, "{\"email\":\"\"}")));
        assertViolation("email", expectProblem(400, http.patch(path, JSON, "{\"email\":\"nope\"}")));
        assertViolation("displayName", expectProblem(400, http.patch(path, JSON, "{\"displayName\":42}")));
        assertViolation("nickname", expectProblem(400, http.patch(path, MERGE_PATCH, "{\"displayName\":\"B\",\"nickname\":\"x\"}")));
        expectProblem(400, http.patch(path, MERGE_PATCH, "{\"displayName\":"));
        expectProblem(400, http.patch(path, MERGE_PATCH, "[{\"displayName\":\"B\"}]"));
        expectProblem(400, http.patch(path, MERGE_PATCH, ""));
        expectProblem(413, http.patch(path, MERGE_PATCH, huge));
        expectProblem(415, http.patch(path, "text/plain", "{\"displayName\":\"B\"}"));
        expectProblem(404, http.patch(unknown, MERGE_PATCH, "{\"displayName\":\"B\"}"));
        expectProblem(404, http.patch("members/not-a-member-id", MERGE_PATCH, "{\"displayName\":\"B\"}"));

        // GET
        assertEquals(unknown.substring("members/".length()), expectProblem(404, http.get(unknown)).getString("memberId"));
        expectProblem(404, http.get("members/not-a-member-id"));
        expectProblem(404, http.get(unknown + "/points-awards"));
        for (String query : List.of("page=-1", "size=0", "size=101", "page=abc", "size=1.5", "page=99999999999")) {
            expectProblem(400, http.get("members?" + query));
            expectProblem(400, http.get(path + "/points-awards?" + query));
        }
        expectProblem(404, http.get("no-such-resource"));
        expectProblem(405, http.send("DELETE", path, null, null, Map.of()));

        // nothing changed: the member, the count, and no member.updated (a last real change is the first one)
        assertEquals(member, expect(200, http.get(path)));
        assertEquals(before, totalMembers());
        expect(200, http.patch(path, MERGE_PATCH, "{\"displayName\":\"Changed at last\"}"));
        List<JsonObject> events = awaitEvents(id, 2);
        assertEquals(List.of("member.registered", "member.updated"), topics(events));
        assertEquals(id, events.get(1).getJsonObject("fields").getString("memberId"));
    }

    /** "İ" (U+0130) lower-cases to two characters: 254 as sent is 255 as stored, one more than an address may have. */
    @Test
    void anAddressLongerThanAllowedOnceLowerCasedIsRefusedAndChangesNothing() {
        String label = UUID.randomUUID().toString().substring(0, 8);
        String grows = "\u0130" + "a".repeat(62) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(50) + label + ".com";
        assertEquals(254, grows.length());
        assertEquals(255, grows.toLowerCase(Locale.ROOT).length());
        long before = totalMembers();

        assertViolation("email", expectProblem(400, register(grows, "Long")));
        assertEquals(before, totalMembers());

        // the same length without the growing letter is within the limit, as sent and as stored
        JsonObject member = expect(201, register(grows.replace('\u0130', 'I'), "Long"));
        assertEquals(254, member.getString("email").length());
        String path = "members/" + member.getString("memberId");
        String body = Json.createObjectBuilder().add("email", grows).build().toString();
        assertViolation("email", expectProblem(400, http.patch(path, MERGE_PATCH, body)));
        assertViolation("email", expectProblem(400, http.patch(path, JSON, body)));
        assertEquals(member, expect(200, http.get(path)), "the refused patches changed nothing");
        assertEquals(before + 1, totalMembers());
    }

    // --- loyalty ---

    @Test
    void paidOrdersEarnPointsOncePerOrderAndMoveTheLevel() throws Exception {
        JsonObject member = expect(201, register(uniqueEmail("loyal"), "Loyal"));
        String id = member.getString("memberId");
        String first = "order-" + UUID.randomUUID();
        String second = "order-" + UUID.randomUUID();
        String small = "order-" + UUID.randomUUID();
        long appliedBefore = applied();

        pay(first, id, "600.75");
        pay(first, id, "600.75"); // the same order paid twice: a duplicate the module must not count
        pay(second, id, "399.99"); // 600 + 399 = 999: still BRONZE
        pay(small, id, "0.50"); // earns nothing, but is recorded
        await("4 order.paid deliveries applied", () -> applied() >= appliedBefore + 4);

        JsonObject bronze = expect(200, http.get("members/" + id));
        assertEquals(999, bronze.getJsonNumber("points").longValue());
        assertEquals("BRONZE", bronze.getString("level"));
        JsonObject awards = expect(200, http.get("members/" + id + "/points-awards"));
        assertEquals(3, awards.getJsonNumber("totalItems").longValue(), awards.toString());
        Map<String, Long> pointsByOrder = awards.getJsonArray("items").getValuesAs(JsonObject.class).stream()
                .collect(Collectors.toMap(a -> a.getString("orderId"), a -> a.getJsonNumber("points").longValue()));
        assertEquals(Map.of(first, 600L, second, 399L, small, 0L), pointsByOrder);
        awards.getJsonArray("items").getValuesAs(JsonObject.class).forEach(a -> Instant.parse(a.getString("at")));

        String third = "order-" + UUID.randomUUID();
        pay(third, id, "1.00"); // 1 000: SILVER
        await("SILVER", () -> "SILVER".equals(expect(200, http.get("members/" + id)).getString("level")));
        JsonObject silver = expect(200, http.get("members/" + id));
        assertEquals(1_000, silver.getJsonNumber("points").longValue());

        List<JsonObject> events = awaitEvents(id, 5); // registered, 3 updated (600, 399, 1), level-changed
        Map<String, List<JsonObject>> byTopic = events.stream()
                .collect(Collectors.groupingBy(e -> e.getString("topic"), Collectors.mapping(e -> e.getJsonObject("fields"), Collectors.toList())));
        assertEquals(1, byTopic.get("member.registered").size());
        JsonObject justTheId = Json.createObjectBuilder().add("memberId", id).build(); // member.updated: the id, not the points
        assertEquals(List.of(justTheId, justTheId, justTheId), byTopic.get("member.updated"));
        assertEquals(List.of(Json.createObjectBuilder().add("memberId", id).add("previousLevel", "BRONZE").add("level", "SILVER")
                .add("points", 1_000).build()), byTopic.get("member.level-changed"));

        Thread.sleep(500);
        assertEquals(5, events(id).size(), "the duplicate and the zero-point order published nothing");
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, http.get("probe/dead-letters").array());
    }

    @Test
    void aPaidOrderOfAnUnknownMemberIsIgnoredWithoutRetriesOrDeadLetters() {
        long appliedBefore = applied();
        pay("order-" + UUID.randomUUID(), UUID.randomUUID().toString(), "50.00");
        pay("order-" + UUID.randomUUID(), "not-a-member-id", "50.00");
        JsonObject member = expect(201, register(uniqueEmail("after"), "After"));
        String id = member.getString("memberId");
        pay("order-" + UUID.randomUUID(), id, "7.00");

        await("3 order.paid deliveries applied", () -> applied() >= appliedBefore + 3);
        await("the known member's points", () -> expect(200, http.get("members/" + id)).getJsonNumber("points").longValue() == 7);
        assertEquals(JsonValue.EMPTY_JSON_ARRAY, http.get("probe/dead-letters").array());
    }

    @Test
    void openApiDescribesTheEndpoints() {
        Reply openapi = http.get("/openapi");
        assertEquals(200, openapi.status(), openapi.body());
        for (String path : List.of("/members", "/members/{memberId}", "/members/{memberId}/points-awards", "/about")) {
            assertTrue(openapi.body().contains(path), path + " missing in\n" + openapi.body());
        }
        assertTrue(openapi.body().contains("Register a member"), openapi.body());
    }

    /** Registration and profile edits retried with their keys: the first answer again, one member, one event each. */
    @Test
    void registrationsAndEditsRetriedWithTheirKeysApplyOnce() {
        String email = uniqueEmail("retry");
        String registration = Json.createObjectBuilder().add("email", email).add("displayName", "Retry").build().toString();
        String key = "register-" + UUID.randomUUID();
        Reply first = http.send("POST", "members", JSON, registration, Map.of("Idempotency-Key", key));
        JsonObject member = expect(201, first);
        Reply retry = http.send("POST", "members", JSON, registration, Map.of("Idempotency-Key", key));
        assertEquals(member, expect(201, retry), "the first answer again");
        assertEquals("true", retry.headers().firstValue("Idempotent-Replayed").orElse(null));
        assertEquals(first.headers().firstValue("Location"), retry.headers().firstValue("Location"));
        String id = member.getString("memberId");

        String patchKey = "edit-" + UUID.randomUUID();
        String patch = "{\"displayName\":\"Retried\"}";
        for (int attempt = 0; attempt < 2; attempt++) {
            Reply edited = http.send("PATCH", "members/" + id, JSON, patch, Map.of("Idempotency-Key", patchKey));
            assertEquals("Retried", expect(200, edited).getString("displayName"));
            assertEquals(attempt == 1, edited.headers().firstValue("Idempotent-Replayed").isPresent(), "attempt " + attempt);
        }
        JsonObject reused = expectProblem(422, http.send("PATCH", "members/" + id, JSON, "{\"displayName\":\"Other\"}",
                Map.of("Idempotency-Key", patchKey)));
        assertFalse(reused.toString().contains(id), reused.toString());
        assertEquals(List.of("member.registered", "member.updated"), topics(awaitEvents(id, 2)), "one event per change");
    }

    // --- helpers ---

    private Reply register(String email, String displayName) {
        return http.post("members", JSON, Json.createObjectBuilder().add("email", email).add("displayName", displayName).build().toString());
    }

    private void pay(String orderId, String memberId, String total) {
        assertEquals(202, http.post("probe/order-paid?orderId=" + orderId + "&memberId=" + memberId + "&total=" + total, JSON, "").status());
    }

    private long applied() {
        return expect(200, http.get("probe/applied?topic=order.paid")).getJsonNumber("count").longValue();
    }

    private List<JsonObject> events(String memberId) {
        return http.get("probe/events?memberId=" + memberId).array().getValuesAs(JsonObject.class);
    }

    private List<JsonObject> awaitEvents(String memberId, int count) {
        await(count + " events of member " + memberId, () -> events(memberId).size() >= count);
        List<JsonObject> events = events(memberId);
        assertEquals(count, events.size(), events.toString());
        return events;
    }

    private static List<String> topics(List<JsonObject> events) {
        return events.stream().map(e -> e.getString("topic")).toList();
    }

    private long totalMembers() {
        return expect(200, http.get("members?size=1")).getJsonNumber("totalItems").longValue();
    }

    private List<JsonObject> allMembers() {
        List<JsonObject> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonObject json = expect(200, http.get("members?size=100&page=" + page));
            all.addAll(json.getJsonArray("items").getValuesAs(JsonObject.class));
            if (page + 1 >= json.getJsonNumber("totalPages").longValue()) {
                return all;
            }
        }
    }

    private List<String> allMemberIds() {
        return allMembers().stream().map(m -> m.getString("memberId")).toList();
    }

    private static void assertViolation(String field, JsonObject problem) {
        JsonArray violations = problem.getJsonArray("violations");
        assertTrue(violations != null && violations.getValuesAs(JsonObject.class).stream()
                .anyMatch(v -> v.getString("field").endsWith(field)), "a violation of " + field + " in " + problem);
    }

    private static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@Example.com";
    }

    private static String longEmail(int length) {
        String domain = "@example.com";
        return "l".repeat(length - domain.length()) + domain;
    }
}
