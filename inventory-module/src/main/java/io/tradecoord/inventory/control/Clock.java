package io.tradecoord.inventory.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the module stores them: milliseconds, the precision every supported database keeps exactly. */
final class Clock {

    private Clock() {
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
