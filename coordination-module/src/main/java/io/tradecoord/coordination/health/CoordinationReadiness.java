package io.tradecoord.coordination.health;

import io.tradecoord.coordination.health.CoordinationStatus.Backend;
import io.tradecoord.coordination.health.CoordinationStatus.ModuleStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    CoordinationProbe probe;

    @Override
    public HealthCheckResponse call() {
        CoordinationStatus status = probe.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(status.up())
                .withData("locks", describe(status.locks()))
                .withData("bus", describe(status.bus()));
        for (ModuleStatus module : status.modules()) {
            response.withData(module.module(), module.up() ? "UP" : "DOWN: " + module.detail())
                    .withData(module.module() + ".outbox.unsent", module.unsent())
                    .withData(module.module() + ".outbox.oldest-unsent-seconds", module.oldestUnsentSeconds())
                    .withData(module.module() + ".dead-letters.pending", module.pendingDeadLetters());
        }
        return response.build();
    }

    private static String describe(Backend backend) {
        return backend.backend() + (backend.up() ? " UP" : " DOWN: " + backend.detail());
    }
}
