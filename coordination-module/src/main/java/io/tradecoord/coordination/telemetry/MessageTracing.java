package io.tradecoord.coordination.telemetry;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.Correlation;

/**
 * How trace context crosses the bus: a fired event carries the W3C {@code traceparent} of the span current when it
 * was fired (the HTTP request's, or the handling of the event that caused it), and its handling in a consumer runs
 * in a span that is a child of that one. Without a tracer (no MicroProfile Telemetry, or its SDK disabled) the
 * traceparent is still carried and handed on, so the events one request caused keep sharing a trace id.
 */
public interface MessageTracing {

    /** The traceparent without a tracer: the one of the event being handled on this thread, or a new one. */
    MessageTracing NONE = new MessageTracing() {
        @Override
        public String traceparent() {
            return Correlation.currentOrNew();
        }

        @Override
        public void handle(Envelope envelope, String module, String system, Correlation.ThrowingRunnable handling) throws Exception {
            Correlation.run(envelope.correlationId(), handling);
        }
    };

    /** The traceparent an event fired now carries. */
    String traceparent();

    /**
     * Runs {@code module}'s handling of {@code envelope} (delivered by the broker {@code system}) as the child of the
     * span that fired it; events fired meanwhile carry the handling's traceparent.
     */
    void handle(Envelope envelope, String module, String system, Correlation.ThrowingRunnable handling) throws Exception;
}
