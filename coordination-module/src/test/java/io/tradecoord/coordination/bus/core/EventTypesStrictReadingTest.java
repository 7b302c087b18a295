package io.tradecoord.coordination.bus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.IntegrationEvent;
import jakarta.json.bind.annotation.JsonbProperty;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

public class EventTypesStrictReadingTest {

    @IntegrationEvent(topic = "test.placed", key = "orderId")
    public record Placed(String orderId, String memberId, List<Line> lines, @JsonbProperty("total_price") BigDecimal total) {
        public record Line(String sku, int quantity) {
        }
    }

    private static final String GOOD = """
            {"orderId":"o-1","memberId":null,"lines":[{"sku":"A","quantity":2}],"total_price":9.5}""";

    @Test
    void whatTheProducerWroteIsReadBackNullsIncluded() {
        Placed placed = new Placed("o-1", null, List.of(new Placed.Line("A", 2)), new BigDecimal("9.5"));
        String json = EventTypes.toJson(placed);
        assertTrue(json.contains("\"memberId\":null"), "nulls are written: " + json);
        assertEquals(placed, EventTypes.readStrictly(json, Placed.class));
        assertEquals(placed, EventTypes.readStrictly(GOOD, Placed.class));
    }

    @Test
    void aFieldTheTypeDoesNotHaveIsRefusedAlsoInANestedRecord() {
        var top = assertThrows(IllegalArgumentException.class,
                () -> EventTypes.readStrictly(GOOD.replace("\"orderId\"", "\"extra\":1,\"orderId\""), Placed.class));
        assertTrue(top.getMessage().contains("unknown field extra"), top.getMessage());
        var nested = assertThrows(IllegalArgumentException.class,
                () -> EventTypes.readStrictly(GOOD.replace("\"quantity\":2", "\"quantity\":2,\"price\":3"), Placed.class));
        assertTrue(nested.getMessage().contains("unknown field lines[0].price"), nested.getMessage());
    }

    @Test
    void aMissingComponentOrANullPrimitiveIsRefused() {
        var missing = assertThrows(IllegalArgumentException.class,
                () -> EventTypes.readStrictly(GOOD.replace("\"memberId\":null,", ""), Placed.class));
        assertTrue(missing.getMessage().contains("missing field memberId"), missing.getMessage());
        var renamed = assertThrows(IllegalArgumentException.class,
                () -> EventTypes.readStrictly(GOOD.replace("total_price", "total"), Placed.class));
        assertTrue(renamed.getMessage().contains("unknown field total"), renamed.getMessage());
        var nullPrimitive = assertThrows(IllegalArgumentException.class,
                () -> EventTypes.readStrictly(GOOD.replace("\"quantity\":2", "\"quantity\":null"), Placed.class));
        assertTrue(nullPrimitive.getMessage().contains("lines[0].quantity is null"), nullPrimitive.getMessage());
    }

    @Test
    void whatIsNotJsonOrNotAnObjectIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> EventTypes.readStrictly("{not json", Placed.class));
        var array = assertThrows(IllegalArgumentException.class, () -> EventTypes.readStrictly("[1,2]", Placed.class));
        assertTrue(array.getMessage().contains("must be a JSON object"), array.getMessage());
    }
}
