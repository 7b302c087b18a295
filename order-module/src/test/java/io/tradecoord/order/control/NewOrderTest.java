package io.tradecoord.order.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewOrderTest {

    private static NewOrder order(String member, NewOrder.Line... lines) {
        return new NewOrder(member, List.of(lines));
    }

    @Test
    void theSameRequestHasTheSameFingerprint() {
        assertEquals(order("m", new NewOrder.Line("A", 1)).fingerprint(), order("m", new NewOrder.Line("A", 1)).fingerprint());
    }

    @Test
    void anyDifferenceChangesTheFingerprint() {
        String base = order("m", new NewOrder.Line("A", 1), new NewOrder.Line("B", 2)).fingerprint();
        assertNotEquals(base, order("n", new NewOrder.Line("A", 1), new NewOrder.Line("B", 2)).fingerprint());
        assertNotEquals(base, order("m", new NewOrder.Line("A", 1), new NewOrder.Line("B", 3)).fingerprint());
        assertNotEquals(base, order("m", new NewOrder.Line("B", 2), new NewOrder.Line("A", 1)).fingerprint());
        assertNotEquals(base, order("m", new NewOrder.Line("A", 12)).fingerprint());
        // no ambiguity from concatenation: "A1" + "2" vs "A" + "12"
        assertNotEquals(order("m", new NewOrder.Line("A1", 2)).fingerprint(), order("m", new NewOrder.Line("A", 12)).fingerprint());
    }
}
