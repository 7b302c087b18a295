package io.tradecoord.coordination.bus;

import java.time.Instant;
import java.util.Objects;

/**
 * An integration event on the wire. Every backend carries all fields (as AMQP properties and headers, or Kafka
 * record key and headers) next to the JSON payload.
 *
 * @param messageId     unique per event (a UUID), the inbox's duplicate key
 * @param topic         e.g. {@code order.placed}
 * @param key           the ordering key, may be null
 * @param eventType     the producer's type name, e.g. {@code OrderPlaced} (informational: consumers bind by topic)
 * @param occurredAt    when the event was fired
 * @param sourceModule  the module that fired it
 * @param correlationId the W3C {@code traceparent} of the request that caused it, or a new id
 * @param payload       the event as JSON (JSON-B)
 */
public record Envelope(String messageId, String topic, String key, String eventType, Instant occurredAt,
        String sourceModule, String correlationId, String payload) {

    public Envelope {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(sourceModule, "sourceModule");
        Objects.requireNonNull(payload, "payload");
    }
}
