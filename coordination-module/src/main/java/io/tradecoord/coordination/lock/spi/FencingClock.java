package io.tradecoord.coordination.lock.spi;

import java.time.Instant;

/**
 * The floor of fencing tokens for backends whose counter can be lost (in-JVM, Redis without persistence): the
 * wall clock in microseconds since the epoch. A counter that restarts from the clock grants tokens above every
 * token granted before, as long as the clock did not go back and no key saw a million grants a second.
 */
public final class FencingClock {

    private FencingClock() {
    }

    public static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
