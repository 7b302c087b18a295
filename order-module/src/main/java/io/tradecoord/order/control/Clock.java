package io.tradecoord.order.control;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the module stores them: milliseconds, the precision every supported database keeps exactly, so events and rows name the same times. */
public final class Clock {

    private Clock() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
