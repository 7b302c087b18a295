package io.tradecoord.coordination.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.Meter;
import io.tradecoord.coordination.bus.core.BusTables.OutboxState;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link CoordinationMetrics} as OpenTelemetry instruments (MicroProfile Telemetry 2 metrics, exported the way the
 * server's OpenTelemetry is configured, OTLP by default). Durations are histograms in seconds.
 */
final class OpenTelemetryMetrics implements CoordinationMetrics {

    static final AttributeKey<String> BACKEND = AttributeKey.stringKey("coordination.lock.backend");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("coordination.lock.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("coordination.lock.loss_reason");
    static final AttributeKey<String> MODULE = AttributeKey.stringKey("coordination.module");
    static final AttributeKey<String> TOPIC = AttributeKey.stringKey("messaging.destination.name");
    static final AttributeKey<String> STAGE = AttributeKey.stringKey("coordination.dead_letter.stage");

    private static final double NANOS_PER_SECOND = 1e9;

    private final DoubleHistogram lockWait;
    private final DoubleHistogram lockHold;
    private final LongCounter locksLost;
    private final DoubleHistogram publishLatency;
    private final DoubleHistogram consumeLag;
    private final LongCounter deadLetters;
    private final Set<String> observedModules = ConcurrentHashMap.newKeySet();
    private final OutboxSnapshots outboxes = new OutboxSnapshots();

    OpenTelemetryMetrics(OpenTelemetry openTelemetry) {
        Meter meter = openTelemetry.getMeter("io.tradecoord.coordination");
        lockWait = meter.histogramBuilder("coordination.lock.wait.duration").setUnit("s")
                .setDescription("Time from asking for a lock until it was granted or the wait ran out").build();
        lockHold = meter.histogramBuilder("coordination.lock.hold.duration").setUnit("s")
                .setDescription("Time from a lock's grant until its holder gave it back").build();
        locksLost = meter.counterBuilder("coordination.lock.lost").setUnit("{lock}")
                .setDescription("Locks their holder lost (lease ran out, session lost, taken over)").build();
        publishLatency = meter.histogramBuilder("coordination.bus.publish.duration").setUnit("s")
                .setDescription("Time from firing an event until the broker confirmed it (outbox wait included)").build();
        consumeLag = meter.histogramBuilder("coordination.bus.consume.lag").setUnit("s")
                .setDescription("Time from firing an event until a consuming module applied it").build();
        deadLetters = meter.counterBuilder("coordination.bus.dead_letters").setUnit("{event}")
                .setDescription("Events moved to a module's dead letters").build();
        meter.gaugeBuilder("coordination.outbox.unsent").ofLongs().setUnit("{event}")
                .setDescription("Events in a module's outbox not yet confirmed by the broker")
                .buildWithCallback(gauge -> eachOutbox((module, state) -> gauge.record(state.unsent(), Attributes.of(MODULE, module))));
        meter.gaugeBuilder("coordination.outbox.oldest_unsent.age").setUnit("s")
                .setDescription("Age of the oldest event a module's outbox has not sent (0 when none waits)")
                .buildWithCallback(gauge -> eachOutbox((module, state) ->
                        gauge.record(OutboxSnapshots.oldestUnsentSeconds(state), Attributes.of(MODULE, module))));
        meter.gaugeBuilder("coordination.bus.dead_letters.pending").ofLongs().setUnit("{event}")
                .setDescription("A module's dead letters neither replayed nor discarded")
                .buildWithCallback(gauge -> eachOutbox((module, state) ->
                        gauge.record(state.pendingDeadLetters(), Attributes.of(MODULE, module))));
    }

    /** Each observed module's outbox that can be read now. */
    private void eachOutbox(BiConsumer<String, OutboxState> figures) {
        for (String module : observedModules) {
            OutboxState state = outboxes.of(module);
            if (state != null) {
                figures.accept(module, state);
            }
        }
    }

    @Override
    public void lockWaited(String backend, long waitNanos, boolean granted) {
        lockWait.record(waitNanos / NANOS_PER_SECOND, Attributes.of(BACKEND, backend, OUTCOME, granted ? "acquired" : "timed_out"));
    }

    @Override
    public void lockHeld(String backend, long heldNanos) {
        lockHold.record(heldNanos / NANOS_PER_SECOND, Attributes.of(BACKEND, backend));
    }

    @Override
    public void lockLost(String backend, String reason) {
        locksLost.add(1, Attributes.of(BACKEND, backend, REASON, reason));
    }

    @Override
    public void published(String module, String topic, long latencyNanos) {
        publishLatency.record(latencyNanos / NANOS_PER_SECOND, Attributes.of(MODULE, module, TOPIC, topic));
    }

    @Override
    public void consumed(String module, String topic, long lagNanos) {
        consumeLag.record(lagNanos / NANOS_PER_SECOND, Attributes.of(MODULE, module, TOPIC, topic));
    }

    @Override
    public void deadLettered(String module, String topic, String stage) {
        deadLetters.add(1, Attributes.of(MODULE, module, TOPIC, topic, STAGE, stage));
    }

    @Override
    public void observeOutbox(String module) {
        observedModules.add(module);
    }
}
