package io.tradecoord.order.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A member the order module has heard of through member.* events: its own, eventually consistent view of the
 * member module (no call into it). A member registered a moment ago may not be known here yet.
 */
@Entity
@Table(name = "order_known_member")
public class KnownMember {

    @Id
    @Column(name = "member_id", length = 64)
    private String memberId;

    @Column(name = "known_since", nullable = false)
    private OffsetDateTime knownSince;

    @Column(name = "last_event_at", nullable = false)
    private OffsetDateTime lastEventAt;

    protected KnownMember() {
    }

    public KnownMember(String memberId, Instant now) {
        this.memberId = memberId;
        this.knownSince = now.atOffset(ZoneOffset.UTC);
        this.lastEventAt = knownSince;
    }

    public void heardOfAgain(Instant now) {
        lastEventAt = now.atOffset(ZoneOffset.UTC);
    }

    public String getMemberId() {
        return memberId;
    }

    public Instant getKnownSince() {
        return knownSince.toInstant();
    }

    public Instant getLastEventAt() {
        return lastEventAt.toInstant();
    }
}
