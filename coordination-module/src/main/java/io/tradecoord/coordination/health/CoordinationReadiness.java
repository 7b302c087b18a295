package io.tradecoord.coordination.health;

import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import io.tradecoord.coordination.lock.core.LockManagerFactory;
import io.tradecoord.coordination.runtime.ConfigValues;
import io.tradecoord.coordination.runtime.LockBackend;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health readiness of the coordination runtime, check {@code coordination}: can the application's
 * modules do their work now? DOWN, with the reason in its data, if any of these is:
 * <ul>
 * <li>{@code locks}: the lock backend answers (Redis PING, ZooKeeper connected);</li>
 * <li>{@code bus}: the broker answers (RabbitMQ connection open, Kafka describes its cluster);</li>
 * <li>{@code <module>}, for each module on the bus: its database answers (its outbox is read in a transaction of the
 * module) and its outbox is within the {@link ReadinessLimits}; the figures are in {@code <module>.outbox.unsent},
 * {@code <module>.outbox.oldest-unsent-seconds} and {@code <module>.dead-letters.pending}.</li>
 * </ul>
 * There is no liveness check on purpose: a backend outage is waited out (events wait in the outboxes, locks fail
 * fast), so restarting the server would not help.
 *
 * <p>Why one check in the library and not one per module WAR: WildFly registers the health checks of an EAR's
 * library jars but not those of its WARs (WFLY-12835). On a server that gives each WAR its own beans of a
 * {@code lib/} jar (Payara Server), the check is listed once per WAR, each reporting the same runtime.
 */
@Readiness
@ApplicationScoped
public class CoordinationReadiness implements HealthCheck {

    public static final String NAME = "coordination";

    @Inject
    Config config;

    private ReadinessLimits limits;
    /** Whether this check holds a reference to the runtime's lock manager (attached on first use, like a module's view). */
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

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean up = probeLocks(response) & probeBus(response);
        return response.status(up).build();
    }

    private boolean probeLocks(HealthCheckResponseBuilder response) {
        LockManager locks;
        try {
            locks = attachLocks();
        } catch (RuntimeException e) { // the backend did not answer when the manager was made: tried again next time
            response.withData("locks", ConfigValues.text(config, LockBackend.CONFIG_KEY, LockBackend.LOCAL.configValue()) + " DOWN: " + e.getMessage());
            return false;
        }
        try {
            locks.probe();
            response.withData("locks", locks.backend() + " UP");
            return true;
        } catch (RuntimeException e) {
            response.withData("locks", locks.backend() + " DOWN: " + e.getMessage());
            return false;
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

    private boolean probeBus(HealthCheckResponseBuilder response) {
        EventBus bus = CoordinationRuntime.current().bus();
        if (bus == null) {
            response.withData("bus", "no module has joined the bus yet");
            return false;
        }
        boolean up = true;
        try {
            bus.probe();
            response.withData("bus", bus.backend() + " UP");
        } catch (RuntimeException e) {
            response.withData("bus", bus.backend() + " DOWN: " + e.getMessage());
            up = false;
        }
        for (String module : bus.modules()) {
            up &= probeModule(bus, module, response);
        }
        return up;
    }

    private boolean probeModule(EventBus bus, String module, HealthCheckResponseBuilder response) {
        OutboxState outbox;
        try {
            outbox = bus.outboxState(module);
        } catch (Exception e) {
            response.withData(module, "DOWN: its database does not answer: " + e);
            return false;
        }
        Instant now = Instant.now();
        long oldestSeconds = outbox.oldestUnsentOccurredAt() == null ? 0
                : Math.max(0, Duration.between(outbox.oldestUnsentOccurredAt(), now).toSeconds());
        response.withData(module + ".outbox.unsent", outbox.unsent())
                .withData(module + ".outbox.oldest-unsent-seconds", oldestSeconds)
                .withData(module + ".dead-letters.pending", outbox.pendingDeadLetters());
        String problem = limits.problemWith(outbox, now);
        response.withData(module, problem == null ? "UP" : "DOWN: " + problem);
        return problem == null;
    }
}
