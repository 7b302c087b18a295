package io.tradecoord.coordination.lock.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.ForwardingLockProvider;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.local.LocalLockProvider;
import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A backend session suspended between the moment a grant is made and the moment the core registers its hold (a
 * ZooKeeper SUSPENDED delivered on Curator's event thread right then): the loss signal must not miss that hold.
 */
class SessionLossDuringAcquisitionTest {

    @Test
    void aGrantMadeAcrossASessionLossIsLostAtOnce() throws Exception {
        SuspendingDuringAcquire backend = new SuspendingDuringAcquire(new LocalLockProvider());
        try (LockManager locks = new LockManager(backend, Lease.renewing(Duration.ofSeconds(30)))) {
            backend.suspendDuringNextAcquire = true;
            LockHandle handle = locks.acquire("k", Duration.ofSeconds(1));
            CompletableFuture<LockLostException> told = new CompletableFuture<>();
            handle.onLost((h, reason) -> told.complete(reason));

            assertFalse(handle.isHeld(), "a grant made across a session loss is not trusted");
            assertEquals(LockLostException.Reason.SESSION_LOST, told.get(5, TimeUnit.SECONDS).reason());
            assertThrows(LockLostException.class, handle::ensureHeld);
            handle.release();

            LockHandle next = locks.acquire("k", Duration.ofSeconds(1));
            assertTrue(next.isHeld(), "an acquisition without a loss is trusted");
            next.release();
        }
    }

    /** Reports a session loss after the delegate granted, before the grant reaches the core. */
    private static final class SuspendingDuringAcquire extends ForwardingLockProvider {
        private volatile SessionLossListener listener = detail -> { };
        volatile boolean suspendDuringNextAcquire;

        SuspendingDuringAcquire(LockProvider delegate) {
            super(delegate);
        }

        @Override
        public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException {
            Optional<LockGrant> grant = delegate.acquire(key, owner, lease, wait);
            if (suspendDuringNextAcquire) {
                suspendDuringNextAcquire = false;
                listener.sessionLost("SUSPENDED (test)");
            }
            return grant;
        }

        @Override
        public void setSessionLossListener(SessionLossListener listener) {
            this.listener = listener;
        }
    }
}
