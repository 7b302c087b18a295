package io.tradecoord.inventory.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReservationTest {

    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    private static List<ReservationLine> lines() {
        return List.of(new ReservationLine("B", 1, new BigDecimal("2.00")), new ReservationLine("A", 2, new BigDecimal("1.50")));
    }

    @Test
    void reservedCanBeReleasedOrSoldOnce() {
        Reservation released = Reservation.reserved("o-1", lines(), NOW);
        released.release("order was cancelled", NOW);
        assertEquals(ReservationStatus.RELEASED, released.getStatus());
        assertThrows(IllegalStateException.class, () -> released.release("again", NOW));
        assertThrows(IllegalStateException.class, () -> released.sell(NOW));

        Reservation sold = Reservation.reserved("o-2", lines(), NOW);
        sold.sell(NOW);
        assertEquals(ReservationStatus.SOLD, sold.getStatus());
        assertThrows(IllegalStateException.class, () -> sold.release("too late", NOW));
    }

    @Test
    void linesAreKeptInSkuOrder() {
        Reservation reservation = Reservation.reserved("o-1", lines(), NOW);
        assertEquals(List.of("A", "B"), reservation.getLines().stream().map(ReservationLine::getSku).toList());
    }

    @Test
    void aTombstoneTakesThePlacementOnceAndStaysCancelled() {
        Reservation tombstone = Reservation.cancelledBeforePlaced("o-1", "order was cancelled before it was placed", NOW);
        assertFalse(tombstone.isPlacedReceived());
        assertTrue(tombstone.getLines().isEmpty());

        tombstone.placedAfterCancel(lines(), NOW);
        assertTrue(tombstone.isPlacedReceived());
        assertEquals(ReservationStatus.CANCELLED_BEFORE_PLACED, tombstone.getStatus());
        assertEquals(2, tombstone.getLines().size());
        assertThrows(IllegalStateException.class, () -> tombstone.placedAfterCancel(lines(), NOW));
        assertThrows(IllegalStateException.class, () -> tombstone.release("x", NOW), "nothing was reserved");
    }

    @Test
    void rejectedKeepsItsReasonClipped() {
        Reservation rejected = Reservation.rejected("o-1", lines(), "x".repeat(600), NOW);
        assertEquals(ReservationStatus.REJECTED, rejected.getStatus());
        assertEquals(Reservation.MAX_REASON, rejected.getReason().length());
        assertThrows(IllegalStateException.class, () -> rejected.sell(NOW));
    }

    @Test
    void orderIdsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> Reservation.reserved("", lines(), NOW));
        assertThrows(IllegalArgumentException.class, () -> Reservation.reserved("o".repeat(101), lines(), NOW));
    }
}
