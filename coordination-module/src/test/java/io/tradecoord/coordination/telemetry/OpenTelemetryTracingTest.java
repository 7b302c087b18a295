package io.tradecoord.coordination.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.Correlation;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenTelemetryTracingTest {

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
            .build();
    private final OpenTelemetryTracing tracing = new OpenTelemetryTracing(sdk);

    @AfterEach
    void close() {
        sdk.getSdkTracerProvider().close();
    }

    @Test
    void anEventFiredInASpanCarriesThatSpansTraceparent() {
        Span request = sdk.getTracer("test").spanBuilder("POST /orders").setSpanKind(SpanKind.SERVER).startSpan();
        try (Scope scope = request.makeCurrent()) {
            assertEquals("00-" + request.getSpanContext().getTraceId() + "-" + request.getSpanContext().getSpanId() + "-01",
                    tracing.traceparent());
        } finally {
            request.end();
        }
    }

    @Test
    void theHandlingIsAConsumerSpanChildOfTheFiringSpanAndEventsItFiresCarryIt() throws Exception {
        Span request = sdk.getTracer("test").spanBuilder("POST /orders").startSpan();
        String fired;
        try (Scope scope = request.makeCurrent()) {
            fired = tracing.traceparent();
        } finally {
            request.end();
        }
        AtomicReference<String> firedWhileHandling = new AtomicReference<>();
        tracing.handle(envelope(fired), "inventory-module", "kafka", () -> firedWhileHandling.set(Correlation.currentOrNew()));

        SpanData handling = consumerSpan();
        assertEquals(request.getSpanContext().getTraceId(), handling.getTraceId());
        assertEquals(request.getSpanContext().getSpanId(), handling.getParentSpanId());
        assertEquals("order.placed process", handling.getName());
        assertEquals("inventory-module", handling.getAttributes().get(AttributeKey.stringKey("messaging.consumer.group.name")));
        assertEquals("kafka", handling.getAttributes().get(AttributeKey.stringKey("messaging.system")));
        assertEquals("order.placed", handling.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")));
        assertEquals("00-" + handling.getTraceId() + "-" + handling.getSpanId() + "-01", firedWhileHandling.get());
    }

    @Test
    void aFailedHandlingEndsItsSpanAsAnErrorAndPassesTheFailureOn() {
        IllegalStateException failure = new IllegalStateException("no such SKU");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> tracing.handle(
                envelope("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), "inventory-module", "rabbitmq", () -> {
                    throw failure;
                }));
        assertSame(failure, thrown);
        SpanData handling = consumerSpan();
        assertEquals(StatusCode.ERROR, handling.getStatus().getStatusCode());
        assertEquals("0af7651916cd43dd8448eb211c80319c", handling.getTraceId());
        assertEquals("b7ad6b7169203331", handling.getParentSpanId());
        assertEquals(1, handling.getEvents().size(), "the exception is recorded");
    }

    @Test
    void withTheSdkDisabledTheEventsTraceparentIsCarriedOnUnchanged() throws Exception {
        OpenTelemetryTracing disabled = new OpenTelemetryTracing(OpenTelemetry.noop());
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        AtomicReference<String> firedWhileHandling = new AtomicReference<>();
        disabled.handle(envelope(traceparent), "order-module", "local", () -> firedWhileHandling.set(disabled.traceparent()));
        assertEquals(traceparent, firedWhileHandling.get());
        assertEquals(List.of(), exported.getFinishedSpanItems());
    }

    private SpanData consumerSpan() {
        List<SpanData> spans = exported.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CONSUMER).toList();
        assertEquals(1, spans.size(), spans::toString);
        return spans.get(0);
    }

    private static Envelope envelope(String traceparent) {
        return new Envelope("m-1", "order.placed", "o-1", "OrderPlaced", Instant.now(), "order-module", traceparent, "{}");
    }
}
