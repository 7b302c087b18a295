package io.tradecoord.coordination.bus.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.EventTooLargeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    private static Envelope withPayload(String payload) {
        return new Envelope("id", "order.placed", "o-1", "OrderPlaced", Instant.EPOCH, "order-module", null, payload);
    }

    @Test
    void aPayloadUpToTheLimitInUtf8BytesPasses() {
        assertDoesNotThrow(() -> Envelopes.requireWithin(withPayload("x".repeat(1_000)), 1_000));
        assertDoesNotThrow(() -> Envelopes.requireWithin(withPayload("é".repeat(500)), 1_000)); // 2 bytes each
    }

    @Test
    void aLargerPayloadIsRefusedNamingTheEventTheSizeAndTheKey() {
        var tooLarge = assertThrows(EventTooLargeException.class,
                () -> Envelopes.requireWithin(withPayload("é".repeat(501)), 1_000));
        assertTrue(tooLarge.getMessage().contains("OrderPlaced of topic order.placed (key o-1) is 1002 bytes"), tooLarge.getMessage());
        assertTrue(tooLarge.getMessage().contains(BusSettings.MAX_EVENT_BYTES_KEY + " = 1000"), tooLarge.getMessage());
        assertThrows(EventTooLargeException.class, () -> Envelopes.requireWithin(withPayload("x".repeat(1_001)), 1_000));
    }
}
