package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

public class IdempotentRequestTest {

    public record Adjustment(int delta, String reason) {
    }

    public record Order(String memberId, List<Adjustment> lines, BigDecimal amount) {
    }

    @Test
    void theSameContentIsTheSameRequestAndAnyDifferenceIsAnother() {
        Order order = new Order("m-1", List.of(new Adjustment(2, "a")), new BigDecimal("5.00"));
        IdempotentRequest first = IdempotentRequest.of("k-1", "m-1", "POST orders", order);
        assertEquals(first, IdempotentRequest.of("k-1", "m-1", "POST orders", new Order("m-1", List.of(new Adjustment(2, "a")), new BigDecimal("5.00"))));
        assertNotEquals(first.fingerprint(), IdempotentRequest.of("k-1", "m-1", "POST orders",
                new Order("m-1", List.of(new Adjustment(3, "a")), new BigDecimal("5.00"))).fingerprint(), "other content");
        assertNotEquals(first.fingerprint(), IdempotentRequest.of("k-1", "m-1", "POST batches", order).fingerprint(), "other operation");
        assertEquals(IdempotentRequest.of("k", "", "POST x/shipment", null).fingerprint(), IdempotentRequest.of("k", null, "POST x/shipment", null).fingerprint());
    }

    @Test
    void aKeyBelongsToItsScope() {
        IdempotentRequest mine = IdempotentRequest.of("shared", "member-a", "POST orders", "{}");
        IdempotentRequest theirs = IdempotentRequest.of("shared", "member-b", "POST orders", "{}");
        assertNotEquals(mine.scopedKey(), theirs.scopedKey());
        assertEquals(64, mine.scopedKey().length(), "hex SHA-256: the stored key says nothing of the caller or the key");
        assertFalse(mine.scopedKey().contains("shared"));
        // the separator keeps ("ab", "c") and ("a", "bc") apart
        assertNotEquals(IdempotentRequest.of("c", "ab", "op", null).scopedKey(), IdempotentRequest.of("bc", "a", "op", null).scopedKey());
    }

    @Test
    void noHeaderIsNoKeyAndABadHeaderIsA400() {
        IdempotentRequest none = IdempotentRequest.of(null, "m", "POST orders", null);
        assertFalse(none.hasKey());
        assertNull(none.key());
        assertTrue(IdempotentRequest.of("k".repeat(128), "m", "op", null).hasKey());
        for (String bad : new String[] {"", " ", "with space", "naïve", "k".repeat(129), "tab\there"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> IdempotentRequest.of(bad, "m", "op", null), bad);
            assertEquals(400, refused.problem().status());
        }
    }
}
