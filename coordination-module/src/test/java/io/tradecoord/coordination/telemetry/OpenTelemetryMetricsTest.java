package io.tradecoord.coordination.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.Collection;
import org.junit.jupiter.api.Test;

class OpenTelemetryMetricsTest {

    private final InMemoryMetricReader reader = InMemoryMetricReader.create();
    private final CoordinationMetrics metrics = new OpenTelemetryMetrics(
            OpenTelemetrySdk.builder().setMeterProvider(SdkMeterProvider.builder().registerMetricReader(reader).build()).build());

    @Test
    void durationsAreHistogramsInSecondsWithBackendModuleAndTopic() {
        metrics.lockWaited("redis", 2_000_000, true);
        metrics.lockWaited("redis", 3_000_000, true);
        metrics.lockWaited("redis", 1_000_000_000, false);
        metrics.lockHeld("redis", 500_000_000);
        metrics.published("order-module", "order.placed", 40_000_000);
        metrics.consumed("inventory-module", "order.placed", 60_000_000);

        Collection<MetricData> all = reader.collectAllMetrics();
        HistogramPointData acquired = histogram(all, "coordination.lock.wait.duration",
                Attributes.of(OpenTelemetryMetrics.BACKEND, "redis", OpenTelemetryMetrics.OUTCOME, "acquired"));
        assertEquals(2, acquired.getCount());
        assertEquals(0.005, acquired.getSum(), 1e-9);
        assertEquals(1.0, histogram(all, "coordination.lock.wait.duration",
                Attributes.of(OpenTelemetryMetrics.BACKEND, "redis", OpenTelemetryMetrics.OUTCOME, "timed_out")).getSum(), 1e-9);
        assertEquals(0.5, histogram(all, "coordination.lock.hold.duration", Attributes.of(OpenTelemetryMetrics.BACKEND, "redis")).getSum(), 1e-9);
        assertEquals(0.04, histogram(all, "coordination.bus.publish.duration",
                Attributes.of(OpenTelemetryMetrics.MODULE, "order-module", OpenTelemetryMetrics.TOPIC, "order.placed")).getSum(), 1e-9);
        assertEquals(0.06, histogram(all, "coordination.bus.consume.lag",
                Attributes.of(OpenTelemetryMetrics.MODULE, "inventory-module", OpenTelemetryMetrics.TOPIC, "order.placed")).getSum(), 1e-9);
        assertEquals("s", metric(all, "coordination.lock.wait.duration").getUnit());
    }

    @Test
    void lostLocksAndDeadLettersAreCountedByReasonAndStage() {
        metrics.lockLost("zookeeper", "session_lost");
        metrics.lockLost("zookeeper", "session_lost");
        metrics.deadLettered("inventory-module", "order.cancelled", "delivery");

        Collection<MetricData> all = reader.collectAllMetrics();
        assertEquals(2, sum(all, "coordination.lock.lost",
                Attributes.of(OpenTelemetryMetrics.BACKEND, "zookeeper", OpenTelemetryMetrics.REASON, "session_lost")).getValue());
        assertEquals(1, sum(all, "coordination.bus.dead_letters", Attributes.of(OpenTelemetryMetrics.MODULE, "inventory-module",
                OpenTelemetryMetrics.TOPIC, "order.cancelled", OpenTelemetryMetrics.STAGE, "delivery")).getValue());
    }

    private static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all.stream().map(MetricData::getName).toList()));
    }

    private static HistogramPointData histogram(Collection<MetricData> all, String name, Attributes attributes) {
        return metric(all, name).getHistogramData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes)).findFirst()
                .orElseThrow(() -> new AssertionError("no point of " + name + " with " + attributes));
    }

    private static LongPointData sum(Collection<MetricData> all, String name, Attributes attributes) {
        return metric(all, name).getLongSumData().getPoints().stream().filter(p -> p.getAttributes().equals(attributes)).findFirst()
                .orElseThrow(() -> new AssertionError("no point of " + name + " with " + attributes));
    }

}
