package io.tradecoord.member.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MemberTest {

    private static final Instant REGISTERED = Instant.parse("2026-11-30T07:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void aNewMemberIsBronzeWithoutPoints() {
        Member member = new Member("id", "ada@example.com", "Ada", REGISTERED);
        assertEquals(0, member.getPoints());
        assertEquals(Level.BRONZE, member.getLevel());
        assertEquals(REGISTERED, member.getUpdatedAt());
    }

    @Test
    void awardsAddUpAndMoveTheLevelReportingThePreviousOne() {
        Member member = new Member("id", "ada@example.com", "Ada", REGISTERED);

        assertEquals(Level.BRONZE, member.awardPoints(999, LATER));
        assertEquals(Level.BRONZE, member.getLevel());
        assertEquals(LATER, member.getUpdatedAt());

        assertEquals(Level.BRONZE, member.awardPoints(1, LATER));
        assertEquals(Level.SILVER, member.getLevel());
        assertEquals(1_000, member.getPoints());

        assertEquals(Level.SILVER, member.awardPoints(19_000, LATER)); // straight past GOLD
        assertEquals(Level.PLATINUM, member.getLevel());
        assertEquals(20_000, member.getPoints());
    }

    @Test
    void anAwardCannotTakePointsAway() {
        Member member = new Member("id", "ada@example.com", "Ada", REGISTERED);
        assertThrows(IllegalArgumentException.class, () -> member.awardPoints(-1, LATER));
        assertEquals(0, member.getPoints());
    }
}
