package io.tradecoord.inventory.boundary;

import static io.tradecoord.inventory.boundary.InventoryClient.replayed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.testing.HttpTestClient.Reply;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The module as its own service: the built micro WAR, unchanged, on Payara Micro (EclipseLink, the server's H2
 * default datasource, in-JVM locks and bus). The SKU API, its ledger and every kind of bad input.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InventoryOnPayaraMicroIT {

    private static final String SKUS = "/inventory/api/skus";

    @Deployment(testable = false)
    static WebArchive microWar() {
        String version = System.getProperty("application.version");
        File war = new File("target/inventory-module-" + version + "-micro.war");
        return ShrinkWrap.create(ZipImporter.class, "inventory.war").importFrom(war).as(WebArchive.class);
    }

    @ArquillianResource
    URL baseUrl;

    InventoryClient client;

    /** Unique per test: the tests share one deployment. */
    String code;

    @BeforeEach
    void setUp() {
        client = new InventoryClient(baseUrl);
        code = "T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Reply create(String sku, String price, int stock) {
        return client.postJson(SKUS, "{\"sku\":\"" + sku + "\",\"name\":\"Thing " + sku + "\",\"unitPrice\":" + price
                + ",\"initialStock\":" + stock + "}");
    }

    private Reply adjust(String sku, String json) {
        return client.postJson(SKUS + "/" + sku + "/adjustments", json);
    }

    @Test
    void aboutDescribesTheModuleOnItsOwnRuntime() {
        JsonObject json = client.get("/inventory/api/about").expect(200).json();
        assertEquals("/inventory/", baseUrl.getPath(), "context root of the micro WAR");
        assertEquals("inventory", json.getString("module"));
        assertEquals(System.getProperty("application.version"), json.getString("version"));
        assertEquals("local", json.getString("lockBackend"));
        assertEquals("local", json.getString("busBackend"));
        assertFalse(json.getString("runtimeId").isBlank());
    }

    @Test
    void createdSkuCanBeReadWithItsStock() {
        Reply created = create(code, "19.9", 10).expect(201);
        assertTrue(created.contentType().startsWith("application/json"), created.contentType());
        assertNotNull(created.header("Location"), "Location header");
        assertTrue(created.header("Location").endsWith("/inventory/api/skus/" + code), created.header("Location"));
        JsonObject body = created.json();
        assertEquals(code, body.getString("sku"));
        assertEquals("Thing " + code, body.getString("name"));
        assertEquals(new BigDecimal("19.90"), body.getJsonNumber("unitPrice").bigDecimalValue());
        assertEquals(10, body.getInt("onHand"));
        assertEquals(0, body.getInt("reserved"));
        assertEquals(10, body.getInt("available"));
        assertFalse(body.getString("updatedAt").isBlank());

        JsonObject read = client.get(SKUS + "/" + code).expect(200).json();
        assertEquals(body, read, "a read shows what the create answered");
    }

    @Test
    void duplicateCodeIsAConflictAndKeepsTheFirst() {
        create(code, "1.00", 5).expect(201);
        JsonObject problem = create(code, "2.00", 7).problem(409, "SKU exists");
        assertTrue(problem.getString("detail").contains(code), problem.toString());
        JsonObject read = client.get(SKUS + "/" + code).expect(200).json();
        assertEquals(new BigDecimal("1.00"), read.getJsonNumber("unitPrice").bigDecimalValue());
        assertEquals(5, read.getInt("onHand"));
        assertEquals(1, movements(code).size(), "no ledger entry for the refused create");
    }

    @Test
    void listIsPagedAndOrderedByCode() {
        String prefix = code + "-";
        for (String suffix : List.of("c", "a", "b")) {
            create(prefix + suffix, "1", 1).expect(201);
        }
        JsonObject all = client.get(SKUS + "?page=0&size=100").expect(200).json();
        List<String> codes = all.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("sku")).toList();
        assertEquals(codes.stream().sorted().toList(), codes, "ordered by code");
        assertTrue(codes.containsAll(List.of(prefix + "a", prefix + "b", prefix + "c")), codes.toString());
        int total = all.getInt("totalItems");

        JsonObject page = client.get(SKUS + "?page=1&size=2").expect(200).json();
        assertEquals(1, page.getInt("page"));
        assertEquals(2, page.getInt("size"));
        assertEquals(total, page.getInt("totalItems"));
        assertEquals((total + 1) / 2, page.getInt("totalPages"));
        assertEquals(codes.subList(2, Math.min(4, codes.size())),
                page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(o -> o.getString("sku")).toList());

        JsonObject defaults = client.get(SKUS).expect(200).json();
        assertEquals(0, defaults.getInt("page"));
        assertEquals(20, defaults.getInt("size"));
    }

    @Test
    void adjustmentsRestockAndCorrectWithALedgerEntryEach() {
        create(code, "5.00", 10).expect(201);
        JsonObject restocked = adjust(code, "{\"delta\":25,\"reason\":\"delivery 42\"}").expect(200).json();
        assertEquals(35, restocked.getInt("onHand"));
        assertEquals(35, restocked.getInt("available"));
        JsonObject corrected = adjust(code, "{\"delta\":-35,\"reason\":\"water damage\"}").expect(200).json();
        assertEquals(0, corrected.getInt("onHand"));
        assertEquals(0, corrected.getInt("available"));

        List<JsonObject> ledger = movements(code);
        assertEquals(3, ledger.size(), ledger.toString());
        assertMovement(ledger.get(0), 1, "CREATED", 10, null, 10, 0, 10);
        assertMovement(ledger.get(1), 2, "ADJUSTED", 25, "delivery 42", 35, 0, 35);
        assertMovement(ledger.get(2), 3, "ADJUSTED", -35, "water damage", 0, 0, 0);
        assertTrue(ledger.get(0).isNull("orderId"), "orderId is null for an admin change: " + ledger.get(0));
        assertFalse(ledger.get(2).getString("at").isBlank());

        JsonObject page = client.get(SKUS + "/" + code + "/movements?page=1&size=2").expect(200).json();
        assertEquals(3, page.getInt("totalItems"));
        assertEquals(3, page.getJsonArray("items").getJsonObject(0).getInt("seq"), "newest last");
    }

    /**
     * Each adjustment reads its SKU to validate the request before it takes the SKU's lock: the fenced write must
     * still apply to the row as the previous holder left it (ledger seq, on hand), not to that earlier read.
     */
    @Test
    void concurrentAdjustmentsOfOneSkuEachCountOnce() throws Exception {
        int adjustments = 24;
        create(code, "5.00", 10).expect(201);
        ExecutorService admins = Executors.newFixedThreadPool(adjustments);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < adjustments; i++) {
                replies.add(admins.submit(() -> adjust(code, "{\"delta\":1,\"reason\":\"recount\"}")));
            }
            for (Future<Reply> reply : replies) {
                reply.get().expect(200);
            }
        } finally {
            admins.shutdownNow();
        }
        JsonObject sku = client.get(SKUS + "/" + code).expect(200).json();
        assertEquals(10 + adjustments, sku.getInt("onHand"), sku.toString());
        List<JsonObject> ledger = movements(code);
        assertEquals(1 + adjustments, ledger.size());
        assertMovement(ledger.get(0), 1, "CREATED", 10, null, 10, 0, 10);
        for (int i = 1; i <= adjustments; i++) {
            assertMovement(ledger.get(i), i + 1, "ADJUSTED", 1, "recount", 10 + i, 0, 10 + i);
        }
    }

    @Test
    void adjustmentBelowZeroAvailableIsAConflictAndChangesNothing() {
        create(code, "5.00", 3).expect(201);
        JsonObject before = client.get(SKUS + "/" + code).json();
        JsonObject problem = adjust(code, "{\"delta\":-4,\"reason\":\"count\"}").problem(409, "Insufficient stock");
        assertTrue(problem.getString("detail").contains("would leave -1 available"), problem.toString());
        assertEquals(3, problem.getInt("onHand"));
        assertEquals(3, problem.getInt("available"));
        assertEquals(before, client.get(SKUS + "/" + code).json());
        assertEquals(1, movements(code).size());
    }

    @Test
    void unknownSkusAreNotFound() {
        client.get(SKUS + "/NO-SUCH-" + code).problem(404, "Unknown SKU");
        client.get(SKUS + "/NO-SUCH-" + code + "/movements").problem(404, "Unknown SKU");
        adjust("NO-SUCH-" + code, "{\"delta\":1,\"reason\":\"x\"}").problem(404, "Unknown SKU");
        client.get(SKUS + "/not%20a%20code").problem(404, "Unknown SKU");
        client.get("/inventory/api/reservations/no-such-order").problem(404, "Unknown reservation");
        client.get(SKUS + "/NO-SUCH-" + code).problem(404, "Unknown SKU");
    }

    @Test
    void badCreateBodiesAreProblemsAndCreateNothing() {
        long total = totalSkus();
        String ok = "\"name\":\"n\",\"unitPrice\":1.5,\"initialStock\":1";
        assertMalformed(client.postJson(SKUS, "{\"sku\":\"" + code + "\"," + ok));
        assertUnknownField(client.postJson(SKUS, "{\"sku\":\"" + code + "\"," + ok + ",\"colour\":\"red\"}"), "colour");
        assertMalformed(client.postJson(SKUS, "{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":\"1.5\",\"initialStock\":1}"));
        assertMalformed(client.postJson(SKUS, "{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1.5,\"initialStock\":1.5}"));
        assertMalformed(client.postJson(SKUS, "{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1.5,\"initialStock\":\"1\"}"));
        assertMalformed(client.postJson(SKUS, "{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1.5,\"initialStock\":99999999999}"));
        assertMalformed(client.postJson(SKUS, "{\"sku\":42," + ok + "}"));
        assertMalformed(client.postJson(SKUS, "[]"));
        assertMalformed(client.postJson(SKUS, "not json"));

        client.postJson(SKUS, "null").problem(400, "Missing request body");
        JsonObject missing = client.postJson(SKUS, "{\"sku\":\"" + code + "\"}").problem(400, "Invalid request");
        assertEquals(List.of("initialStock", "name", "unitPrice"), fields(missing));

        assertViolation("{\"sku\":\"-" + code + "\"," + ok + "}", "sku");
        assertViolation("{\"sku\":\"" + "A".repeat(65) + "\"," + ok + "}", "sku");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"  \",\"unitPrice\":1,\"initialStock\":1}", "name");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"" + "n".repeat(201) + "\",\"unitPrice\":1,\"initialStock\":1}", "name");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":0,\"initialStock\":1}", "unitPrice");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":-3,\"initialStock\":1}", "unitPrice");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1.234,\"initialStock\":1}", "unitPrice");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1000000000.01,\"initialStock\":1}", "unitPrice");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1,\"initialStock\":-1}", "initialStock");
        assertViolation("{\"sku\":\"" + code + "\",\"name\":\"n\",\"unitPrice\":1,\"initialStock\":1000001}", "initialStock");

        client.post(SKUS, "text/plain", "{\"sku\":\"" + code + "\"," + ok + "}").problem(415, "Unsupported media type");
        client.post(SKUS, null, "{\"sku\":\"" + code + "\"," + ok + "}").problem(415, "Unsupported media type");
        client.postJson(SKUS, "{\"sku\":\"" + code + "\",\"name\":\"" + "n".repeat(70_000) + "\",\"unitPrice\":1,\"initialStock\":1}")
                .problem(413, "Request body too large");

        client.get(SKUS + "/" + code).problem(404, "Unknown SKU");
        assertEquals(total, totalSkus(), "bad input creates nothing");
    }

    @Test
    void badAdjustmentsAreProblemsAndChangeNothing() {
        create(code, "2.00", 8).expect(201);
        JsonObject before = client.get(SKUS + "/" + code).json();

        assertMalformed(adjust(code, "{\"delta\":1,\"reason\":\"x\""));
        assertUnknownField(adjust(code, "{\"delta\":1,\"reason\":\"x\",\"by\":\"me\"}"), "by");
        assertMalformed(adjust(code, "{\"delta\":\"1\",\"reason\":\"x\"}"));
        assertMalformed(adjust(code, "{\"delta\":1.5,\"reason\":\"x\"}"));
        assertMalformed(adjust(code, "{\"delta\":1,\"reason\":7}"));
        assertEquals(List.of("delta"), fields(adjust(code, "{\"delta\":0,\"reason\":\"x\"}").problem(400, "Invalid request")));
        assertEquals(List.of("delta"), fields(adjust(code, "{\"delta\":1000001,\"reason\":\"x\"}").problem(400, "Invalid request")));
        assertEquals(List.of("delta"), fields(adjust(code, "{\"delta\":-1000001,\"reason\":\"x\"}").problem(400, "Invalid request")));
        assertEquals(List.of("reason"), fields(adjust(code, "{\"delta\":1,\"reason\":\"\"}").problem(400, "Invalid request")));
        assertEquals(List.of("reason"), fields(adjust(code, "{\"delta\":1,\"reason\":\"" + "r".repeat(201) + "\"}").problem(400, "Invalid request")));
        assertEquals(List.of("delta", "reason"), fields(adjust(code, "{}").problem(400, "Invalid request")));
        client.post(SKUS + "/" + code + "/adjustments", "application/xml", "<delta>1</delta>").problem(415, "Unsupported media type");
        adjust(code, "{\"delta\":1,\"reason\":\"" + "r".repeat(70_000) + "\"}").problem(413, "Request body too large");

        assertEquals(before, client.get(SKUS + "/" + code).json(), "bad input changes nothing");
        assertEquals(1, movements(code).size());
    }

    @Test
    void badPagingIsABadRequest() {
        create(code, "2.00", 8).expect(201);
        for (String list : List.of(SKUS, SKUS + "/" + code + "/movements")) {
            client.get(list + "?page=-1").problem(400, "Invalid page");
            client.get(list + "?page=abc").problem(400, "Invalid page");
            client.get(list + "?size=0").problem(400, "Invalid page size");
            client.get(list + "?size=101").problem(400, "Invalid page size");
            client.get(list + "?size=x").problem(400, "Invalid size");
            client.get(list + "?page=99999999&size=100").problem(400, "Invalid page");
        }
    }

    @Test
    void unsupportedMethodsAreProblemsToo() {
        Reply reply = client.delete(SKUS);
        reply.problem(405, "Method Not Allowed");
    }

    @Test
    void openApiDescribesEveryEndpoint() {
        String document = client.get("/openapi?format=JSON").expect(200).body();
        for (String path : List.of("/skus\"", "/skus/{sku}\"", "/skus/{sku}/adjustments\"", "/skus/{sku}/movements\"",
                "/reservations/{orderId}\"", "/about\"")) {
            assertTrue(document.contains(path), "OpenAPI documents " + path + ": " + document);
        }
        assertTrue(document.contains("Create a SKU"), "operations are described");
    }

    /** A client retrying an adjustment after a timeout: the second copy is the first's answer, not a second delivery. */
    @Test
    void anAdjustmentRetriedWithItsIdempotencyKeyAppliesOnce() throws Exception {
        create(code, "1.00", 10).expect(201);
        String key = "adjust-" + UUID.randomUUID();
        String delivery = "{\"delta\":25,\"reason\":\"delivery\"}";
        Reply first = client.postJson(SKUS + "/" + code + "/adjustments", delivery, key).expect(200);
        assertFalse(replayed(first));
        Reply retry = client.postJson(SKUS + "/" + code + "/adjustments", " {\"reason\": \"delivery\", \"delta\": 25} ", key).expect(200);
        assertTrue(replayed(retry), "the same request, spelled differently, is answered again");
        assertEquals(first.json(), retry.json(), "the first answer again");
        assertEquals(35, client.get(SKUS + "/" + code).expect(200).json().getInt("onHand"), "applied once");

        JsonObject other = client.postJson(SKUS + "/" + code + "/adjustments", "{\"delta\":5,\"reason\":\"delivery\"}", key)
                .problem(422, "Idempotency-Key reused");
        assertFalse(other.getString("detail").contains(code), "names nothing of the first request: " + other);
        JsonObject elsewhere = client.postJson(SKUS, "{\"sku\":\"" + code + "-B\",\"name\":\"B\",\"unitPrice\":1,\"initialStock\":1}", key)
                .problem(422, "Idempotency-Key reused");
        assertNotNull(elsewhere);
        assertEquals(404, client.get(SKUS + "/" + code + "-B").status(), "the reused key created nothing");

        // 50 copies of a new request at once: one adjustment, one answer
        String concurrentKey = UUID.randomUUID().toString();
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                replies.add(clients.submit(() -> client.postJson(SKUS + "/" + code + "/adjustments", "{\"delta\":-3,\"reason\":\"damaged\"}",
                        concurrentKey)));
            }
            int replayed = 0;
            for (Future<Reply> reply : replies) {
                Reply answer = reply.get().expect(200);
                assertEquals(32, answer.json().getInt("onHand"), answer.body());
                replayed += replayed(answer) ? 1 : 0;
            }
            assertEquals(49, replayed, "all but the first are the first's answer again");
        } finally {
            clients.shutdownNow();
        }
        assertEquals(32, client.get(SKUS + "/" + code).expect(200).json().getInt("onHand"));
        assertEquals(3, movements(code).size(), "created, delivered, damaged: one ledger row each");
    }

    @Test
    void aSkuCreationRetriedWithItsIdempotencyKeyIsAnsweredAsTheFirst() {
        String key = "create-" + UUID.randomUUID();
        String body = "{\"sku\":\"" + code + "\",\"name\":\"Kettle\",\"unitPrice\":12.5,\"initialStock\":4}";
        Reply first = client.postJson(SKUS, body, key).expect(201);
        Reply retry = client.postJson(SKUS, body, key).expect(201);
        assertTrue(replayed(retry));
        assertEquals(first.header("Location"), retry.header("Location"));
        assertEquals(first.json(), retry.json());
        assertEquals(1, movements(code).size(), "one creation");
        create(code, "12.5", 4).problem(409, "SKU exists"); // without the key, a second create is what it is
    }

    private long totalSkus() {
        return client.get(SKUS + "?size=1").expect(200).json().getJsonNumber("totalItems").longValue();
    }

    private List<JsonObject> movements(String sku) {
        JsonArray items = client.get(SKUS + "/" + sku + "/movements?size=100").expect(200).json().getJsonArray("items");
        return items.getValuesAs(JsonObject.class);
    }

    private static void assertMovement(JsonObject movement, int seq, String change, int quantity, String reason,
            int onHand, int reserved, int available) {
        assertEquals(seq, movement.getInt("seq"), movement.toString());
        assertEquals(change, movement.getString("change"), movement.toString());
        assertEquals(quantity, movement.getInt("quantity"), movement.toString());
        if (reason == null) {
            assertTrue(movement.isNull("reason"), movement.toString());
        } else {
            assertEquals(reason, movement.getString("reason"), movement.toString());
        }
        assertEquals(onHand, movement.getInt("onHand"), movement.toString());
        assertEquals(reserved, movement.getInt("reserved"), movement.toString());
        assertEquals(available, movement.getInt("available"), movement.toString());
    }

    private static void assertUnknownField(Reply reply, String field) {
        JsonObject problem = reply.problem(400, "Unknown field");
        assertEquals(field, problem.getString("field"), problem.toString());
    }

    private static void assertMalformed(Reply reply) {
        JsonObject problem = reply.problem(400, "Malformed JSON");
        assertFalse(problem.getString("detail").isBlank(), problem.toString());
    }

    private void assertViolation(String body, String field) {
        JsonObject problem = client.postJson(SKUS, body).problem(400, "Invalid request");
        assertEquals(List.of(field), fields(problem), problem.toString());
    }

    private static List<String> fields(JsonObject problem) {
        return problem.getJsonArray("violations").getValuesAs(JsonObject.class).stream().map(v -> v.getString("field")).toList();
    }
}
