package io.tradecoord.order.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CancelBackoffsTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private final CancelBackoffs failing = new CancelBackoffs(Duration.ofSeconds(1), Duration.ofSeconds(10), 3);

    @Test
    void anOrderThatNeverFailedMayBeTried() {
        assertTrue(failing.mayTry("a", T0));
    }

    @Test
    void eachFailureDoublesTheBackoffUpToTheMaximum() {
        List<Duration> backoffs = IntStream.rangeClosed(1, 6)
                .mapToObj(i -> Duration.between(T0, failing.failed("a", T0).retryAt())).toList();
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(10), Duration.ofSeconds(10)), backoffs);
        assertEquals(6, failing.failed("a", T0).attempts() - 1);
    }

    @Test
    void aFailedOrderWaitsForItsBackoffThenMayBeTriedAgain() {
        CancelBackoffs.Failure failure = failing.failed("a", T0);
        assertFalse(failing.mayTry("a", T0));
        assertFalse(failing.mayTry("a", failure.retryAt().minusMillis(1)));
        assertTrue(failing.mayTry("a", failure.retryAt()));
        assertTrue(failing.mayTry("b", T0), "other orders are not held back");
    }

    @Test
    void aHandledOrderStartsAfresh() {
        failing.failed("a", T0);
        failing.failed("a", T0);
        failing.forget("a");
        assertTrue(failing.mayTry("a", T0));
        assertEquals(1, failing.failed("a", T0).attempts());
    }

    @Test
    void beyondItsCapacityTheLeastRecentlyFailedIsForgotten() {
        failing.failed("a", T0);
        failing.failed("b", T0);
        failing.failed("c", T0);
        failing.failed("a", T0); // a failed again: b is now the least recent
        failing.failed("d", T0);
        assertEquals(3, failing.size());
        assertTrue(failing.mayTry("b", T0), "b was forgotten, so it is simply tried again");
        assertFalse(failing.mayTry("a", T0));
    }

    @Test
    void reportsTheFirstFailureThenEachTimeTheCountDoubles() {
        List<Integer> reported = IntStream.rangeClosed(1, 20)
                .filter(i -> failing.failed("a", T0).worthReporting()).boxed().toList();
        assertEquals(List.of(1, 2, 4, 8, 16), reported);
    }

    @Test
    void refusesANonsensicalBackoff() {
        assertThrows(IllegalArgumentException.class, () -> new CancelBackoffs(Duration.ZERO, Duration.ofSeconds(1), 10));
        assertThrows(IllegalArgumentException.class, () -> new CancelBackoffs(Duration.ofSeconds(2), Duration.ofSeconds(1), 10));
        assertThrows(IllegalArgumentException.class, () -> new CancelBackoffs(Duration.ofSeconds(1), Duration.ofSeconds(1), 0));
    }
}
