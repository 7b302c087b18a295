package io.tradecoord.coordination.telemetry;

import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outbox figures the gauges report, read from each module's database at most once a second: a scrape asks for
 * three gauges of every module, and an export may run every second; both would otherwise query the outbox each time.
 * A module whose database does not answer reports nothing (the readiness check says why).
 */
final class OutboxSnapshots {

    private static final System.Logger LOG = System.getLogger(OutboxSnapshots.class.getName());
    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private record Snapshot(OutboxState state, long readAt) {
    }

    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

    /** The module's outbox now (at most a second old), or null if the bus or its database does not answer. */
    OutboxState of(String module) {
        long now = System.nanoTime();
        Snapshot last = snapshots.get(module);
        if (last != null && now - last.readAt() < MAX_AGE_NANOS) {
            return last.state();
        }
        EventBus bus = CoordinationRuntime.current().bus();
        if (bus == null || !bus.modules().contains(module)) {
            snapshots.remove(module);
            return null;
        }
        try {
            OutboxState state = bus.outboxState(module);
            snapshots.put(module, new Snapshot(state, now));
            return state;
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "outbox of " + module + " not readable for its gauges: " + e);
            snapshots.remove(module);
            return null;
        }
    }

    /** Seconds since the oldest unsent event was fired (0 when nothing waits). */
    static double oldestUnsentSeconds(OutboxState state) {
        Instant oldest = state.oldestUnsentOccurredAt();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
