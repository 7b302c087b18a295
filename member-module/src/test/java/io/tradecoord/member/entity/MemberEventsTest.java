package io.tradecoord.member.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.Envelopes;
import io.tradecoord.coordination.bus.core.EventTypes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * member.registered and member.updated go to the order module, which needs the member id only; whatever else they
 * carry sits in outboxes, inboxes and dead letters. The payload is checked as the bus writes it ({@link Envelopes#of}).
 */
class MemberEventsTest {

    private static final String EMAIL = "ada.lovelace@example.com";
    private static final String NAME = "Ada Lovelace";

    private final Member member = member();

    @Test
    void memberRegisteredCarriesTheMemberIdOnly() {
        assertOnlyTheId(payload(MemberRegistered.of(member)));
    }

    @Test
    void memberUpdatedCarriesTheMemberIdOnly() {
        assertOnlyTheId(payload(MemberUpdated.of(member)));
    }

    @Test
    void theTrimmedContractsHaveANewVersion() {
        // a consumer still reading the old fields dead-letters the events, naming the version, instead of misreading them
        assertEquals(2, EventTypes.require(MemberRegistered.class).version());
        assertEquals(2, EventTypes.require(MemberUpdated.class).version());
    }

    private void assertOnlyTheId(Envelope envelope) {
        JsonObject payload = Json.createReader(new StringReader(envelope.payload())).readObject();
        assertEquals(Set.of("memberId"), payload.keySet(), envelope.payload());
        assertEquals(member.getId(), payload.getString("memberId"));
        assertEquals(member.getId(), envelope.key());
        assertFalse(envelope.payload().contains(EMAIL) || envelope.payload().contains(NAME), envelope.payload());
    }

    private static Envelope payload(Object event) {
        return Envelopes.of(event, "member-module");
    }

    private static Member member() {
        Member member = new Member("5f0c1a52-8f6e-4f1e-9f55-0c5a8a3c1d2e", EMAIL, NAME, Instant.parse("2026-11-30T07:00:00Z"));
        member.awardPoints(1_200, Instant.parse("2026-11-30T08:00:00Z"));
        return member;
    }
}
