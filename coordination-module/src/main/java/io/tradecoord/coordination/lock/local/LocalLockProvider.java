package io.tradecoord.coordination.lock.local;

import io.tradecoord.coordination.lock.spi.FencingClock;
import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks inside this JVM: the embedded default. One registry per coordination runtime, i.e. one for all
 * modules of the EAR. Same semantics as the distributed backends: leases that expire, owner-checked renew and
 * release, and fencing tokens from one counter that only grows (so they grow per key, too) and never falls
 * below the clock in microseconds, so that a new runtime (a restart, a redeploy) grants tokens above those its
 * predecessor stored in rows. Waiters sleep on a condition and are woken by the release or by the end of the
 * holder's lease.
 */
public final class LocalLockProvider implements LockProvider {

    private final ReentrantLock mutex = new ReentrantLock();
    private final Map<String, Entry> entries = new HashMap<>();
    private long lastFencingToken;

    @Override
    public String name() {
        return "local";
    }

    /** In this JVM: always answers. */
    @Override
    public void probe() {
    }

    /** Called with {@code mutex} held. */
    private long nextFencingToken() {
        lastFencingToken = Math.max(lastFencingToken + 1, FencingClock.nowMicros());
        return lastFencingToken;
    }

    @Override
    public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        mutex.lockInterruptibly();
        try {
            Entry entry = entries.computeIfAbsent(key, k -> new Entry(mutex.newCondition()));
            while (true) {
                long now = System.nanoTime();
                if (entry.isFree(now)) {
                    entry.owner = owner;
                    entry.leaseEndsAt = now + lease.toNanos();
                    return Optional.of(new LockGrant(key, owner, nextFencingToken(), null, now));
                }
                long remaining = deadline - now;
                if (remaining <= 0) {
                    return Optional.empty();
                }
                entry.waiters++;
                try {
                    entry.changed.awaitNanos(Math.min(remaining, entry.leaseEndsAt - now));
                } finally {
                    entry.waiters--;
                }
            }
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean renew(LockGrant grant, Duration lease) {
        mutex.lock();
        try {
            Entry entry = entries.get(grant.key());
            long now = System.nanoTime();
            if (entry == null || !grant.owner().equals(entry.owner) || entry.isFree(now)) {
                return false;
            }
            entry.leaseEndsAt = now + lease.toNanos();
            return true;
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public boolean isHeld(LockGrant grant) {
        mutex.lock();
        try {
            Entry entry = entries.get(grant.key());
            return entry != null && grant.owner().equals(entry.owner) && !entry.isFree(System.nanoTime());
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void release(LockGrant grant) {
        mutex.lock();
        try {
            Entry entry = entries.get(grant.key());
            if (entry == null || !grant.owner().equals(entry.owner)) {
                return;
            }
            entry.owner = null;
            if (entry.waiters > 0) {
                entry.changed.signalAll(); // cheap in one JVM, and no wake-up is lost to a waiter that just timed out
            } else {
                entries.remove(grant.key());
            }
        } finally {
            mutex.unlock();
        }
    }

    /** For tests and diagnostics: how many keys have a holder or waiters. */
    public int trackedKeys() {
        mutex.lock();
        try {
            return entries.size();
        } finally {
            mutex.unlock();
        }
    }

    @Override
    public void close() {
        mutex.lock();
        try {
            entries.values().forEach(entry -> entry.changed.signalAll());
        } finally {
            mutex.unlock();
        }
    }

    private static final class Entry {
        final Condition changed;
        String owner;
        long leaseEndsAt;
        int waiters;

        Entry(Condition changed) {
            this.changed = changed;
        }

        boolean isFree(long now) {
            return owner == null || now - leaseEndsAt >= 0;
        }
    }
}
