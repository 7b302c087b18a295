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
 * @param schemaVersion the version of the topic's contract the producer wrote ({@link IntegrationEvent#version()})
 * @param sequence      the event's place in its producer's outbox (0: not known): later events of the producer have
 *                      higher ones, so a replayed event can be recognized as older than what a consumer applied
 * @param replay        true for an event put back by a replay of a dead letter: the consumer refuses it if it
 *                      already applied a later event of the same key (instead of rolling its state back)
 */
public record Envelope(String messageId, String topic, String key, String eventType, Instant occurredAt,
        String sourceModule, String correlationId, String payload, int schemaVersion, long sequence, boolean replay) {

    public Envelope {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(sourceModule, "sourceModule");
        Objects.requireNonNull(payload, "payload");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema versions start at 1: " + schemaVersion);
        }
    }

    /** An envelope of contract version 1, not from an outbox yet. */
    public Envelope(String messageId, String topic, String key, String eventType, Instant occurredAt, String sourceModule,
            String correlationId, String payload) {
        this(messageId, topic, key, eventType, occurredAt, sourceModule, correlationId, payload, 1, 0, false);
    }

}
