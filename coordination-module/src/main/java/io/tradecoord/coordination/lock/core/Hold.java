package io.tradecoord.coordination.lock.core;

import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockLossListener;
import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.LockLostException.Reason;
import io.tradecoord.coordination.lock.spi.LockGrant;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One grant from the backend and the holds on it (one, plus one per re-entrant acquisition). It ends exactly
 * once: released when the last hold is given back, or lost. Its watchdog (renewal, or the expiry timer of a
 * fixed lease) is cancelled in the same step that ends it, so no renewal can follow a release.
 */
final class Hold {

    private static final System.Logger LOG = System.getLogger(Hold.class.getName());

    private enum State { HELD, RELEASED, LOST }

    private final LockManager manager;
    private final LockGrant grant;
    private final Lease lease;
    /** who may re-enter this hold; null: nobody */
    private final LockManager.ScopeKey scopeKey;
    private final List<Registration> listeners = new CopyOnWriteArrayList<>();

    private State state = State.HELD;
    private int holds = 1;
    private LockLostException lossReason;
    private volatile long leaseEndsAt;
    private ScheduledFuture<?> watchdog;

    Hold(LockManager manager, LockGrant grant, Lease lease, LockManager.ScopeKey scopeKey, long leaseEndsAt) {
        this.manager = manager;
        this.grant = grant;
        this.lease = lease;
        this.scopeKey = scopeKey;
        this.leaseEndsAt = leaseEndsAt;
    }

    String key() {
        return grant.key();
    }

    long fencingToken() {
        return grant.fencingToken();
    }

    /** What an operator sees of this hold at {@code now} ({@link System#nanoTime()}). */
    HeldLock describe(long now) {
        return new HeldLock(grant.key(), grant.fencingToken(), Math.max(0, (now - grant.leaseStart()) / 1_000_000),
                Math.max(0, (leaseEndsAt - now) / 1_000_000));
    }

    LockManager.ScopeKey scopeKey() {
        return scopeKey;
    }

    synchronized void schedule() {
        if (state != State.HELD) {
            return;
        }
        long leaseNanos = lease.duration().toNanos();
        if (lease.renewing()) {
            long period = Math.max(1, leaseNanos / 3);
            watchdog = manager.scheduler().scheduleWithFixedDelay(this::renew, period, period, TimeUnit.NANOSECONDS);
        } else {
            long delay = Math.max(0, leaseEndsAt - System.nanoTime());
            watchdog = manager.scheduler().schedule(
                    () -> lose(Reason.LEASE_EXPIRED, "fixed lease of " + lease.duration().toMillis() + " ms"),
                    delay, TimeUnit.NANOSECONDS);
        }
    }

    /** A re-entrant acquisition; false if this hold already ended (the caller then acquires anew). */
    synchronized boolean enterAgain() {
        if (!isHeld()) {
            return false;
        }
        holds++;
        return true;
    }

    boolean isHeld() {
        synchronized (this) {
            if (state != State.HELD) {
                return false;
            }
        }
        if (System.nanoTime() - leaseEndsAt >= 0) {
            lose(Reason.LEASE_EXPIRED, "lease of " + lease.duration().toMillis() + " ms ran out");
            return false;
        }
        return true;
    }

    /**
     * {@link #isHeld()}, then the backend asked (one round trip): a grant it no longer holds for this owner is lost
     * from now on; a backend that cannot answer makes this false without declaring the hold lost.
     */
    boolean confirmHeld() {
        if (!isHeld()) {
            return false;
        }
        boolean atBackend;
        try {
            atBackend = manager.provider().isHeld(grant);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "lock '" + key() + "' could not be confirmed at the backend: " + e.getMessage());
            return false;
        }
        if (!atBackend) {
            lose(Reason.RENEWAL_FAILED, "the backend no longer holds it for this owner (seen when confirming it)");
            return false;
        }
        return isHeld();
    }

    void ensureHeld() {
        if (isHeld()) {
            return;
        }
        synchronized (this) {
            throw lossReason != null ? lossReason : new LockLostException(key(), Reason.RELEASED, "released by its holder");
        }
    }

    /** Gives back one hold; the last one releases the grant at the backend. */
    void exit() {
        boolean releaseAtBackend;
        synchronized (this) {
            if (holds == 0) {
                return;
            }
            holds--;
            if (holds > 0) {
                return;
            }
            // a lost grant is given back too: after a lost session the node or key may still exist
            releaseAtBackend = true;
            if (state == State.HELD) {
                state = State.RELEASED;
            }
            cancelWatchdog();
        }
        manager.forget(this);
        manager.metrics().lockHeld(manager.backend(), System.nanoTime() - grant.leaseStart());
        if (releaseAtBackend) {
            manager.provider().release(grant);
        }
    }

    void lose(Reason reason, String detail) {
        List<Registration> toNotify;
        synchronized (this) {
            if (state != State.HELD) {
                return;
            }
            state = State.LOST;
            lossReason = new LockLostException(key(), reason, detail);
            cancelWatchdog();
            toNotify = List.copyOf(listeners);
        }
        LOG.log(Level.WARNING, lossReason.getMessage());
        manager.metrics().lockLost(manager.backend(), reason.name().toLowerCase(java.util.Locale.ROOT));
        toNotify.forEach(this::notifyLater);
        // the backend may still hold the grant (a suspended ZooKeeper session comes back): give it back now,
        // owner-checked, so the key does not stay blocked by a holder that already knows it lost it; on its own
        // thread, since it may block until the backend is back (Curator's guaranteed delete)
        manager.giveBackSoon(() -> {
            try {
                manager.provider().release(grant);
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "could not give back lost lock '" + key() + "' yet", e);
            }
        });
    }

    void addListener(LockHandle handle, LockLossListener listener) {
        Registration registration = new Registration(handle, listener);
        boolean alreadyLost;
        synchronized (this) {
            alreadyLost = state == State.LOST;
            if (!alreadyLost) {
                listeners.add(registration);
            }
        }
        if (alreadyLost) {
            notifyLater(registration);
        } else {
            isHeld(); // a lease that ran out unnoticed is declared lost now, which tells the listener once
        }
    }

    private void renew() {
        synchronized (this) {
            if (state != State.HELD) {
                return;
            }
        }
        long renewStartedAt = System.nanoTime();
        try {
            if (manager.provider().renew(grant, lease.duration())) {
                synchronized (this) {
                    if (state == State.HELD) {
                        leaseEndsAt = renewStartedAt + lease.duration().toNanos();
                    }
                }
            } else {
                lose(Reason.RENEWAL_FAILED, "the backend no longer holds it for this owner");
            }
        } catch (RuntimeException e) {
            // unreachable backend: keep trying while the lease lasts; isHeld() turns false when it ends
            if (System.nanoTime() - leaseEndsAt >= 0) {
                lose(Reason.RENEWAL_FAILED, e.getMessage());
            } else {
                LOG.log(Level.WARNING, "renewing lock '" + key() + "' failed, will retry: " + e.getMessage());
            }
        }
    }

    private void cancelWatchdog() {
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
        }
    }

    private void notifyLater(Registration registration) {
        LockLostException reason;
        synchronized (this) {
            reason = lossReason;
        }
        manager.runSoon(() -> {
            try {
                registration.listener().lockLost(registration.handle(), reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a loss listener of lock '" + key() + "' failed", e);
            }
        });
    }

    private record Registration(LockHandle handle, LockLossListener listener) {
    }
}
