package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.EventTooLargeException;
import java.nio.charset.StandardCharsets;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import java.time.Instant;
import java.util.UUID;

/** Builds the envelope of a fired integration event. */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * @param event        an instance of an {@code @IntegrationEvent} type
     * @param sourceModule the module firing it
     * @throws IllegalArgumentException if the type is not an integration event or its key is null
     */
    public static Envelope of(Object event, String sourceModule) {
        EventTypes.Descriptor descriptor = EventTypes.require(event.getClass());
        return new Envelope(UUID.randomUUID().toString(), descriptor.topic(), descriptor.keyOf(event),
                event.getClass().getSimpleName(), Instant.now(), sourceModule,
                CoordinationRuntime.current().telemetry().tracing().traceparent(),
                EventTypes.toJson(event), descriptor.version(), 0, false);
    }

    /**
     * Refuses an envelope whose JSON payload is larger than {@code maxBytes} in UTF-8.
     *
     * @throws EventTooLargeException naming the event, its size, the limit and the key that sets it
     */
    public static void requireWithin(Envelope envelope, int maxBytes) {
        String payload = envelope.payload();
        if ((long) payload.length() * 3 <= maxBytes) {
            return; // no UTF-8 encoding of it can be larger: the usual case, without encoding it
        }
        int bytes = payload.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxBytes) {
            throw new EventTooLargeException(envelope.eventType() + " of topic " + envelope.topic() + " (key " + envelope.key()
                    + ") is " + bytes + " bytes of JSON, more than " + BusSettings.MAX_EVENT_BYTES_KEY + " = " + maxBytes
                    + ": fire a smaller event (e.g. ids instead of whole objects), or raise the limit together with the broker's"
                    + " (Kafka max.request.size, RabbitMQ max_message_size)");
        }
    }
}
