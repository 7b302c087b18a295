package io.tradecoord.member.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LevelTest {

    @Test
    void thresholdsAreTheDocumentedOnes() {
        assertEquals(0, Level.BRONZE.minimumPoints());
        assertEquals(1_000, Level.SILVER.minimumPoints());
        assertEquals(5_000, Level.GOLD.minimumPoints());
        assertEquals(20_000, Level.PLATINUM.minimumPoints());
    }

    @Test
    void eachLevelStartsExactlyAtItsThreshold() {
        assertEquals(Level.BRONZE, Level.forPoints(0));
        assertEquals(Level.BRONZE, Level.forPoints(999));
        assertEquals(Level.SILVER, Level.forPoints(1_000));
        assertEquals(Level.SILVER, Level.forPoints(4_999));
        assertEquals(Level.GOLD, Level.forPoints(5_000));
        assertEquals(Level.GOLD, Level.forPoints(19_999));
        assertEquals(Level.PLATINUM, Level.forPoints(20_000));
        assertEquals(Level.PLATINUM, Level.forPoints(Long.MAX_VALUE));
    }

    @Test
    void negativePointsAreAnError() {
        assertThrows(IllegalArgumentException.class, () -> Level.forPoints(-1));
    }
}
