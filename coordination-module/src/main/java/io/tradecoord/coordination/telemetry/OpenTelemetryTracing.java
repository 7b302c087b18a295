package io.tradecoord.coordination.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.Correlation;
import java.util.List;

/**
 * {@link MessageTracing} with the server's OpenTelemetry (MicroProfile Telemetry): the handling of an event is a
 * {@link SpanKind#CONSUMER} span named {@code <topic> process} whose parent is the span that fired the event, with the
 * OpenTelemetry messaging attributes. When the SDK is disabled (the servers' default) its spans are not valid and this
 * behaves like {@link MessageTracing#NONE}.
 */
final class OpenTelemetryTracing implements MessageTracing {

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private final Tracer tracer;

    OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.tradecoord.coordination");
    }

    @Override
    public String traceparent() {
        SpanContext current = Span.current().getSpanContext();
        if (!current.isValid()) {
            return Correlation.currentOrNew();
        }
        return "00-" + current.getTraceId() + "-" + current.getSpanId() + "-" + current.getTraceFlags().asHex();
    }

    @Override
    public void handle(Envelope envelope, String module, String system, Correlation.ThrowingRunnable handling) throws Exception {
        Context parent = envelope.correlationId() == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), envelope.correlationId(), TRACEPARENT);
        Span span = tracer.spanBuilder(envelope.topic() + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", system)
                .setAttribute("messaging.operation", "process")
                .setAttribute("messaging.destination.name", envelope.topic())
                .setAttribute("messaging.message.id", envelope.messageId())
                .setAttribute("messaging.consumer.group.name", module)
                .startSpan();
        if (!span.getSpanContext().isValid()) { // the SDK is disabled: carry the event's traceparent on
            Correlation.run(envelope.correlationId(), handling);
            return;
        }
        try (Scope scope = span.makeCurrent()) {
            Correlation.run(traceparent(), handling);
        } catch (Exception | Error e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }
}
