package io.tradecoord.member.entity;

import io.tradecoord.coordination.lock.fencing.Fenced;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/**
 * A registered member: profile, points balance and level. Every write goes through
 * {@code FencedWrites} under the member's lock, so the row remembers the fencing token of its last writer.
 */
// MEMBER is a reserved word of JPQL ("MEMBER OF"), so the entity needs another name in queries
@Entity(name = "ShopMember")
@Table(name = "member_member")
public class Member implements Fenced {

    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MAX_DISPLAY_NAME_LENGTH = 100;

    @Id
    @Column(name = "member_id", length = 36)
    private String id;

    /** Lower case: uniqueness is case-insensitive. */
    @Column(name = "email", nullable = false, length = MAX_EMAIL_LENGTH)
    private String email;

    @Column(name = "display_name", nullable = false, length = MAX_DISPLAY_NAME_LENGTH)
    private String displayName;

    @Column(name = "points", nullable = false)
    private long points;

    @Enumerated(EnumType.STRING)
    @Column(name = "loyalty_level", nullable = false, length = 16)
    private Level level;

    @Convert(converter = InstantAttributeConverter.class)
    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Convert(converter = InstantAttributeConverter.class)
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "fencing_token", nullable = false)
    private long fencingToken;

    protected Member() {
    }

    public Member(String id, String email, String displayName, Instant registeredAt) {
        this.id = Objects.requireNonNull(id, "id");
        this.email = Objects.requireNonNull(email, "email");
        this.displayName = Objects.requireNonNull(displayName, "displayName");
        this.points = 0;
        this.level = Level.BRONZE;
        this.registeredAt = Objects.requireNonNull(registeredAt, "registeredAt");
        this.updatedAt = registeredAt;
    }

    public void changeEmail(String newEmail, Instant at) {
        this.email = Objects.requireNonNull(newEmail, "email");
        this.updatedAt = at;
    }

    public void changeDisplayName(String newDisplayName, Instant at) {
        this.displayName = Objects.requireNonNull(newDisplayName, "displayName");
        this.updatedAt = at;
    }

    /**
     * Adds points and moves the level with them.
     *
     * @return the level before the award (compare with {@link #getLevel()} to see a change)
     */
    public Level awardPoints(long awarded, Instant at) {
        if (awarded < 0) {
            throw new IllegalArgumentException("an award cannot take points away, was " + awarded);
        }
        Level previous = level;
        points = Math.addExact(points, awarded);
        level = Level.forPoints(points);
        updatedAt = at;
        return previous;
    }

    public String getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public long getPoints() {
        return points;
    }

    public Level getLevel() {
        return level;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public long getFencingToken() {
        return fencingToken;
    }

    @Override
    public void setFencingToken(long fencingToken) {
        this.fencingToken = fencingToken;
    }
}
