package io.tradecoord.coordination.lock;

import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import java.time.Duration;
import java.util.Optional;

/** A real provider with some calls changed by a test: every call it does not override goes to {@link #delegate}. */
public abstract class ForwardingLockProvider implements LockProvider {

    protected final LockProvider delegate;

    protected ForwardingLockProvider(LockProvider delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void probe() {
        delegate.probe();
    }

    @Override
    public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException {
        return delegate.acquire(key, owner, lease, wait);
    }

    @Override
    public boolean renew(LockGrant grant, Duration lease) {
        return delegate.renew(grant, lease);
    }

    @Override
    public boolean isHeld(LockGrant grant) {
        return delegate.isHeld(grant);
    }

    @Override
    public void abandon(String key, String owner) {
        delegate.abandon(key, owner);
    }

    @Override
    public void release(LockGrant grant) {
        delegate.release(grant);
    }

    @Override
    public void setSessionLossListener(SessionLossListener listener) {
        delegate.setSessionLossListener(listener);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
