package io.tradecoord.order.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tradecoord.order.entity.incoming.InventoryRejected;
import java.util.List;
import org.junit.jupiter.api.Test;

class RejectionReasonTest {

    @Test
    void namesEveryShortLine() {
        InventoryRejected event = new InventoryRejected("o", "insufficient stock", List.of(
                new InventoryRejected.ShortLine("A", 5, 2, true), new InventoryRejected.ShortLine("NOPE", 1, 0, false)));
        assertEquals("insufficient stock; short: A (requested 5, available 2), NOPE (unknown SKU)", RejectionReason.of(event));
    }

    @Test
    void worksWithoutReasonOrLines() {
        assertEquals("not enough stock", RejectionReason.of(new InventoryRejected("o", null, null)));
        assertEquals("closed", RejectionReason.of(new InventoryRejected("o", " closed ", List.of())));
    }
}
