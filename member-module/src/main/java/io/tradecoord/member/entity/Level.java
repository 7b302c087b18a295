package io.tradecoord.member.entity;

/**
 * Loyalty levels and the points from which each applies (docs/api.md). Points only grow, so a member's level only
 * rises.
 */
public enum Level {
    BRONZE(0),
    SILVER(1_000),
    GOLD(5_000),
    PLATINUM(20_000);

    private final long minimumPoints;

    Level(long minimumPoints) {
        this.minimumPoints = minimumPoints;
    }

    public long minimumPoints() {
        return minimumPoints;
    }

    /** The highest level whose threshold {@code points} reaches. */
    public static Level forPoints(long points) {
        if (points < 0) {
            throw new IllegalArgumentException("points cannot be negative, were " + points);
        }
        Level reached = BRONZE;
        for (Level level : values()) {
            if (points >= level.minimumPoints) {
                reached = level;
            }
        }
        return reached;
    }
}
