package io.tradecoord.coordination.lock.core;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockSet;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * What {@code @Inject DistributedLocks} gives a module: a thin view onto the one lock manager of the JVM-wide
 * runtime, so all modules of the EAR share its registry, pools and watchdog whatever the server's CDI policy.
 */
@ApplicationScoped
public class InjectableDistributedLocks implements DistributedLocks {

    @Inject
    Config config;

    private LockManager manager;

    @PostConstruct
    void attach() {
        manager = CoordinationRuntime.current().attachLocks(() -> LockManagerFactory.create(config));
    }

    @PreDestroy
    void detach() {
        CoordinationRuntime.current().detachLocks();
    }

    @Override
    public LockHandle acquire(String key, Duration wait) {
        return manager.acquire(key, wait);
    }

    @Override
    public LockHandle acquire(String key, Duration wait, Lease lease) {
        return manager.acquire(key, wait, lease);
    }

    @Override
    public Optional<LockHandle> tryAcquire(String key) {
        return manager.tryAcquire(key);
    }

    @Override
    public Optional<LockHandle> tryAcquire(String key, Duration wait, Lease lease) {
        return manager.tryAcquire(key, wait, lease);
    }

    @Override
    public LockSet acquireAll(Collection<String> keys, Duration wait) {
        return manager.acquireAll(keys, wait);
    }

    @Override
    public LockSet acquireAll(Collection<String> keys, Duration wait, Lease lease) {
        return manager.acquireAll(keys, wait, lease);
    }

    @Override
    public String backend() {
        return manager.backend();
    }
}
