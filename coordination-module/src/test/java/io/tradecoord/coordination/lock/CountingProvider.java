package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call on to a real provider and counts them: lets tests see round trips, not fake them. */
final class CountingProvider extends ForwardingLockProvider {

    final AtomicInteger acquires = new AtomicInteger();
    final AtomicInteger renewals = new AtomicInteger();
    final AtomicInteger releases = new AtomicInteger();

    CountingProvider(LockProvider delegate) {
        super(delegate);
    }

    @Override
    public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException {
        acquires.incrementAndGet();
        return delegate.acquire(key, owner, lease, wait);
    }

    @Override
    public boolean renew(LockGrant grant, Duration lease) {
        renewals.incrementAndGet();
        return delegate.renew(grant, lease);
    }

    @Override
    public void release(LockGrant grant) {
        releases.incrementAndGet();
        delegate.release(grant);
    }
}
