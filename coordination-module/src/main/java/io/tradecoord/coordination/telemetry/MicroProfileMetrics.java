package io.tradecoord.coordination.telemetry;

import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * {@link CoordinationMetrics} in the application's MicroProfile Metrics 5 registry (Payara serves it at
 * {@code /metrics} in the Prometheus format, e.g. {@code coordination_lock_wait_seconds_count}). Durations are
 * timers; the metrics of one name and tags are looked up once.
 */
final class MicroProfileMetrics implements CoordinationMetrics {

    private static final Metadata LOCK_WAIT = metadata("coordination.lock.wait", MetricUnits.SECONDS,
            "Time from asking for a lock until it was granted or the wait ran out");
    private static final Metadata LOCK_HOLD = metadata("coordination.lock.hold", MetricUnits.SECONDS,
            "Time from a lock's grant until its holder gave it back");
    private static final Metadata LOCK_LOST = metadata("coordination.lock.lost", MetricUnits.NONE,
            "Locks their holder lost (lease ran out, session lost, taken over)");
    private static final Metadata PUBLISH = metadata("coordination.bus.publish", MetricUnits.SECONDS,
            "Time from firing an event until the broker confirmed it (outbox wait included)");
    private static final Metadata CONSUME_LAG = metadata("coordination.bus.consume.lag", MetricUnits.SECONDS,
            "Time from firing an event until a consuming module applied it");
    private static final Metadata DEAD_LETTERS = metadata("coordination.bus.dead.letters", MetricUnits.NONE,
            "Events moved to a module's dead letters");
    private static final Metadata UNSENT = metadata("coordination.outbox.unsent", MetricUnits.NONE,
            "Events in a module's outbox not yet confirmed by the broker");
    private static final Metadata OLDEST_UNSENT = metadata("coordination.outbox.oldest.unsent.age", MetricUnits.SECONDS,
            "Age of the oldest event a module's outbox has not sent (0 when none waits)");
    private static final Metadata PENDING_DEAD_LETTERS = metadata("coordination.bus.dead.letters.pending", MetricUnits.NONE,
            "A module's dead letters neither replayed nor discarded");

    private final MetricRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final OutboxSnapshots outboxes = new OutboxSnapshots();

    MicroProfileMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    private static Metadata metadata(String name, String unit, String description) {
        return Metadata.builder().withName(name).withUnit(unit).withDescription(description).build();
    }

    private Timer timer(Metadata metadata, Tag... tags) {
        return timers.computeIfAbsent(id(metadata, tags), id -> registry.timer(metadata, tags));
    }

    private Counter counter(Metadata metadata, Tag... tags) {
        return counters.computeIfAbsent(id(metadata, tags), id -> registry.counter(metadata, tags));
    }

    private static String id(Metadata metadata, Tag... tags) {
        StringBuilder id = new StringBuilder(metadata.getName());
        for (Tag tag : tags) {
            id.append('\u0000').append(tag.getTagName()).append('=').append(tag.getTagValue());
        }
        return id.toString();
    }

    @Override
    public void lockWaited(String backend, long waitNanos, boolean granted) {
        timer(LOCK_WAIT, new Tag("backend", backend), new Tag("outcome", granted ? "acquired" : "timed_out"))
                .update(Duration.ofNanos(waitNanos));
    }

    @Override
    public void lockHeld(String backend, long heldNanos) {
        timer(LOCK_HOLD, new Tag("backend", backend)).update(Duration.ofNanos(heldNanos));
    }

    @Override
    public void lockLost(String backend, String reason) {
        counter(LOCK_LOST, new Tag("backend", backend), new Tag("reason", reason)).inc();
    }

    @Override
    public void published(String module, String topic, long latencyNanos) {
        timer(PUBLISH, new Tag("module", module), new Tag("topic", topic)).update(Duration.ofNanos(latencyNanos));
    }

    @Override
    public void consumed(String module, String topic, long lagNanos) {
        timer(CONSUME_LAG, new Tag("module", module), new Tag("topic", topic)).update(Duration.ofNanos(lagNanos));
    }

    @Override
    public void deadLettered(String module, String topic, String stage) {
        counter(DEAD_LETTERS, new Tag("module", module), new Tag("topic", topic), new Tag("stage", stage)).inc();
    }

    @Override
    public void observeOutbox(String module) {
        Tag tag = new Tag("module", module);
        gauge(UNSENT, module, state -> state.unsent(), tag);
        gauge(OLDEST_UNSENT, module, OutboxSnapshots::oldestUnsentSeconds, tag);
        gauge(PENDING_DEAD_LETTERS, module, state -> state.pendingDeadLetters(), tag);
    }

    /** A gauge of the module's outbox; NaN while it cannot be read (the registry keeps the gauge). */
    private void gauge(Metadata metadata, String module, Function<OutboxState, Number> figure, Tag tag) {
        registry.gauge(metadata, outboxes, snapshots -> {
            OutboxState state = snapshots.of(module);
            return state == null ? Double.NaN : figure.apply(state).doubleValue();
        }, tag);
    }
}
