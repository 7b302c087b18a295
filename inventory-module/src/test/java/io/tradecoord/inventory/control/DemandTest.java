package io.tradecoord.inventory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.inventory.entity.InventoryRejected.ShortLine;
import io.tradecoord.inventory.entity.ReservationLine;
import io.tradecoord.inventory.entity.Sku;
import io.tradecoord.inventory.entity.incoming.OrderPlaced.Line;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemandTest {

    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    private static Sku sku(String code, long onHand, long reserved) {
        Sku sku = new Sku(code, code, new BigDecimal("2.50"), onHand, NOW);
        if (reserved > 0) {
            sku.reserve(reserved, NOW);
        }
        return sku;
    }

    @Test
    void linesOfTheSameSkuAreSummedInCodeOrder() {
        Demand demand = Demand.of(List.of(new Line("B", 2), new Line("A", 1), new Line("B", 3)));
        assertTrue(demand.isValid());
        assertEquals(Map.of("A", 1L, "B", 5L), demand.quantities());
        assertEquals(List.of("A", "B"), List.copyOf(demand.quantities().keySet()));
    }

    @Test
    void summedDemandDecidesEvenWhenEachLineWouldFit() {
        Demand demand = Demand.of(List.of(new Line("A", 3), new Line("A", 3)));
        List<ShortLine> shortLines = demand.shortLines(Map.of("A", sku("A", 5, 0)));
        assertEquals(List.of(new ShortLine("A", 6, 5, true)), shortLines);
    }

    @Test
    void allLinesAvailableMeansNoShortLines() {
        Demand demand = Demand.of(List.of(new Line("A", 5), new Line("B", 1)));
        assertEquals(List.of(), demand.shortLines(Map.of("A", sku("A", 5, 0), "B", sku("B", 3, 2))));
    }

    @Test
    void oneShortLineRejectsTheWholeOrderAndNamesOnlyTheShortOnes() {
        Demand demand = Demand.of(List.of(new Line("A", 1), new Line("B", 2), new Line("C", 1)));
        List<ShortLine> shortLines = demand.shortLines(Map.of("A", sku("A", 10, 0), "B", sku("B", 3, 2)));
        assertEquals(List.of(new ShortLine("B", 2, 1, true), new ShortLine("C", 1, 0, false)), shortLines);
        assertEquals("not enough stock: B requested 2, available 1; C is an unknown SKU", Demand.describe(shortLines));
    }

    @Test
    void reservedUnitsAreNotAvailable() {
        Demand demand = Demand.of(List.of(new Line("A", 1)));
        assertEquals(List.of(new ShortLine("A", 1, 0, true)), demand.shortLines(Map.of("A", sku("A", 4, 4))));
    }

    @Test
    void codesThatCannotExistAreUnknownAndNotLocked() {
        Demand demand = Demand.of(List.of(new Line("ok-1", 1), new Line("not a code", 1)));
        assertEquals(List.of("ok-1"), demand.possibleCodes());
        assertEquals(List.of(new ShortLine("not a code", 1, 0, false)), demand.shortLines(Map.of("ok-1", sku("ok-1", 1, 0))));
    }

    @Test
    void linesCarryThePricesOfKnownSkus() {
        Demand demand = Demand.of(List.of(new Line("A", 2), new Line("Z", 1)));
        List<ReservationLine> lines = demand.lines(Map.of("A", sku("A", 5, 0)));
        assertEquals(new BigDecimal("2.50"), lines.get(0).getUnitPrice());
        assertEquals(2, lines.get(0).getQuantity());
        assertEquals(null, lines.get(1).getUnitPrice());
    }

    @Test
    void ordersThatCannotBeServedAtAllSayWhy() {
        assertFalse(Demand.of(null).isValid());
        assertEquals("the order has no lines", Demand.of(List.of()).problem());
        assertEquals("line 2 (B) has quantity 0: quantities must be positive",
                Demand.of(List.of(new Line("A", 1), new Line("B", 0))).problem());
        assertEquals("line 1 (A) has quantity -3: quantities must be positive", Demand.of(List.of(new Line("A", -3))).problem());
        assertEquals("line 1 has no SKU", Demand.of(List.of(new Line(null, 1))).problem());
        assertEquals("line 2 has no SKU", Demand.of(Arrays.asList(new Line("A", 1), null)).problem());
        assertTrue(Demand.of(List.of(new Line("A", 0))).quantities().isEmpty(), "an invalid order reserves nothing");
    }

    @Test
    void hugeOrdersDoNotOverflow() {
        Demand demand = Demand.of(List.of(new Line("A", Integer.MAX_VALUE), new Line("A", Integer.MAX_VALUE)));
        assertEquals(2L * Integer.MAX_VALUE, demand.quantities().get("A"));
        assertEquals(List.of(new ShortLine("A", 2L * Integer.MAX_VALUE, 5, true)), demand.shortLines(Map.of("A", sku("A", 5, 0))));
    }
}
