package io.tradecoord.order.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The current instant at the precision the database keeps, so events and stored rows name the same times. */
final class Now {

    private Now() {
    }

    static Instant instant() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
