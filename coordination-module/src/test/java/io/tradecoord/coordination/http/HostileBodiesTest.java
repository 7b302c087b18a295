package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostileBodiesTest {

    public record Line(String sku, Integer quantity) {
    }

    public record NewOrder(String memberId, List<Line> lines) {
    }

    private final Jsonb jsonb = new StrictJson().getContext(NewOrder.class);

    @Test
    void anArrayWhereAnObjectIsExpectedIsMalformedJson() {
        String asArray = " [{\"memberId\":\"m-1\",\"lines\":[{\"sku\":\"fig\",\"quantity\":1}]}]";
        JsonbException refused = assertThrows(JsonbException.class, () -> jsonb.fromJson(asArray, NewOrder.class));
        Problem problem = ProblemMapping.problemOf(refused);
        assertEquals(400, problem.status());
        assertTrue(problem.detail().contains("expected a JSON object, got an array"), problem.detail());
        assertThrows(JsonbException.class, () -> jsonb.fromJson(
                new ByteArrayInputStream(asArray.getBytes(StandardCharsets.UTF_8)), (Type) NewOrder.class));
    }

    @Test
    void objectsAndListsStillReadAsBefore() throws Exception {
        NewOrder order = jsonb.fromJson(new ByteArrayInputStream(
                "\n{\"memberId\":\"m-1\",\"lines\":[{\"sku\":\"fig\",\"quantity\":2}]}".getBytes(StandardCharsets.UTF_8)), (Type) NewOrder.class);
        assertEquals(new NewOrder("m-1", List.of(new Line("fig", 2))), order);
        Type listOfLines = NewOrder.class.getRecordComponents()[1].getGenericType();
        List<Line> lines = jsonb.fromJson("[{\"sku\":\"fig\",\"quantity\":2}]", listOfLines);
        assertEquals(1, lines.size());
    }

    @Test
    void nestingIsBoundedOutsideStringsOnly() {
        assertTrue(nesting("[".repeat(JsonNesting.MAX_DEPTH) + "]".repeat(JsonNesting.MAX_DEPTH)));
        assertFalse(nesting("{\"a\":" + "[".repeat(JsonNesting.MAX_DEPTH)));
        assertFalse(nesting("[".repeat(10_000)));
        assertTrue(nesting("{\"text\":\"" + "[{".repeat(100) + "\\\"[[[\"}"), "brackets in strings, with an escaped quote, do not count");
        JsonNesting streamed = new JsonNesting();
        byte[] deep = "[".repeat(JsonNesting.MAX_DEPTH + 1).getBytes(StandardCharsets.UTF_8);
        assertTrue(streamed.accept(deep, 0, JsonNesting.MAX_DEPTH), "counted across reads");
        assertFalse(streamed.accept(deep, JsonNesting.MAX_DEPTH, 1));
    }

    private static boolean nesting(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new JsonNesting().accept(bytes, 0, bytes.length);
    }
}
