package io.tradecoord.coordination.lock.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.local.LocalLockProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the operations page lists: the locks held now, with their tokens, until they are released. */
class HeldLocksTest {

    @Test
    void heldLocksAreListedLongestHeldFirstUntilReleased() throws Exception {
        try (LockManager locks = new LockManager(new LocalLockProvider(), Lease.renewing(Duration.ofSeconds(30)))) {
            LockHandle first = locks.acquire("first", Duration.ofSeconds(1));
            Thread.sleep(20);
            LockHandle second = locks.acquire("second", Duration.ofSeconds(1));

            List<HeldLock> held = locks.held();
            assertEquals(List.of("first", "second"), held.stream().map(HeldLock::key).toList());
            assertEquals(first.fencingToken(), held.get(0).fencingToken());
            assertTrue(held.get(0).heldMillis() >= held.get(1).heldMillis(), held.toString());
            assertTrue(held.get(0).leaseLeftMillis() > 0 && held.get(0).leaseLeftMillis() <= 30_000, held.toString());

            first.release();
            assertEquals(List.of("second"), locks.held().stream().map(HeldLock::key).toList());
            second.release();
            assertTrue(locks.held().isEmpty());
        }
    }
}
