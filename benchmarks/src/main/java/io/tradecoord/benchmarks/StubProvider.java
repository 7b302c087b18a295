package io.tradecoord.benchmarks;

import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** A provider that grants at once without any I/O: isolates what LockManager itself costs per acquire+release. */
final class StubProvider implements LockProvider {

    private final AtomicLong tokens = new AtomicLong();

    @Override
    public String name() {
        return "stub";
    }

    @Override
    public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) {
        return Optional.of(new LockGrant(key, owner, tokens.incrementAndGet(), null, System.nanoTime()));
    }

    @Override
    public boolean renew(LockGrant grant, Duration lease) {
        return true;
    }

    @Override
    public boolean isHeld(LockGrant grant) {
        return true;
    }

    @Override
    public void release(LockGrant grant) {
    }

    @Override
    public void close() {
    }
}
