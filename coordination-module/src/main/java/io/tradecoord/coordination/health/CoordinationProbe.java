package io.tradecoord.coordination.health;

import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.bus.core.ModuleMembership;
import io.tradecoord.coordination.health.CoordinationStatus.Backend;
import io.tradecoord.coordination.health.CoordinationStatus.ModuleStatus;
import io.tradecoord.coordination.lock.core.HeldLock;
import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.core.LockManagerFactory;
import io.tradecoord.coordination.runtime.BusBackend;
import io.tradecoord.coordination.runtime.ConfigValues;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import io.tradecoord.coordination.runtime.LockBackend;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * Takes a {@link CoordinationStatus} of the JVM-wide runtime: asks the lock backend and the broker whether they answer
 * and reads every joined module's outbox in a transaction of that module. Each call does the round trips anew
 * (a Kafka broker that is away costs up to 2 s), so callers poll, they do not loop.
 */
@ApplicationScoped
public class CoordinationProbe {

    @Inject
    Config config;

    private ReadinessLimits limits;
    /** Whether this probe holds a reference to the runtime's lock manager (made on first use, like a module's view). */
    private boolean locksAttached;

    @PostConstruct
    void readLimits() {
        limits = ReadinessLimits.from(config);
    }

    @PreDestroy
    synchronized void detach() {
        if (locksAttached) {
            CoordinationRuntime.current().detachLocks();
            locksAttached = false;
        }
    }

    public CoordinationStatus status() {
        CoordinationRuntime runtime = CoordinationRuntime.current();
        List<HeldLock> held = new ArrayList<>();
        Backend locks = probeLocks(held);
        EventBus bus = runtime.bus();
        List<ModuleStatus> modules = new ArrayList<>();
        Backend broker;
        if (bus == null) {
            broker = new Backend(ConfigValues.text(config, BusBackend.CONFIG_KEY, BusBackend.LOCAL.configValue()), false, "no module has joined the bus yet");
        } else {
            broker = probeBroker(bus);
            for (String module : bus.modules()) {
                modules.add(probeModule(bus, module));
            }
        }
        return new CoordinationStatus(runtime.node(), runtime.id(), Instant.now(), locks, broker, held, modules);
    }

    private Backend probeLocks(List<HeldLock> held) {
        LockManager locks;
        try {
            locks = attachLocks();
        } catch (RuntimeException e) { // the backend did not answer when the manager was made: tried again next time
            return new Backend(ConfigValues.text(config, LockBackend.CONFIG_KEY, LockBackend.LOCAL.configValue()), false, e.getMessage());
        }
        held.addAll(locks.held());
        try {
            locks.probe();
            return new Backend(locks.backend(), true, null);
        } catch (RuntimeException e) {
            return new Backend(locks.backend(), false, e.getMessage());
        }
    }

    /** The runtime's lock manager, made now if no module has used a lock yet (a module would, at its first lock). */
    private synchronized LockManager attachLocks() {
        if (!locksAttached) {
            CoordinationRuntime.current().attachLocks(() -> LockManagerFactory.create(config));
            locksAttached = true;
        }
        return CoordinationRuntime.current().locks();
    }

    private static Backend probeBroker(EventBus bus) {
        try {
            bus.probe();
            return new Backend(bus.backend(), true, null);
        } catch (RuntimeException e) {
            return new Backend(bus.backend(), false, e.getMessage());
        }
    }

    private ModuleStatus probeModule(EventBus bus, String module) {
        String contextPath = ModuleMembership.contextPath(module).orElse(null);
        OutboxState outbox;
        try {
            outbox = bus.outboxState(module);
        } catch (Exception e) {
            return new ModuleStatus(module, false, "its database does not answer: " + e, contextPath, 0, 0, 0);
        }
        Instant now = Instant.now();
        long oldestSeconds = outbox.oldestUnsentOccurredAt() == null ? 0
                : Math.max(0, Duration.between(outbox.oldestUnsentOccurredAt(), now).toSeconds());
        String problem = limits.problemWith(outbox, now);
        return new ModuleStatus(module, problem == null, problem, contextPath, outbox.unsent(), oldestSeconds, outbox.pendingDeadLetters());
    }
}
