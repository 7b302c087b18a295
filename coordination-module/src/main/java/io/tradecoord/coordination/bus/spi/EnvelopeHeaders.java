package io.tradecoord.coordination.bus.spi;

import io.tradecoord.coordination.bus.Envelope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The envelope's fields as message headers, named the same on every broker (AMQP headers, Kafka record
 * headers); the body is the JSON payload. Dead letters add {@link #ERROR} and {@link #DEAD_MODULE}.
 */
public final class EnvelopeHeaders {

    public static final String MESSAGE_ID = "message-id";
    public static final String TOPIC = "topic";
    public static final String KEY = "key";
    public static final String EVENT_TYPE = "event-type";
    public static final String OCCURRED_AT = "occurred-at";
    public static final String SOURCE_MODULE = "source-module";
    public static final String TRACEPARENT = "traceparent";
    public static final String ERROR = "dead-letter-error";
    public static final String DEAD_MODULE = "dead-letter-module";

    private EnvelopeHeaders() {
    }

    /** The envelope's fields except the payload; absent values (key, correlation id) are left out. */
    public static Map<String, String> toHeaders(Envelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MESSAGE_ID, envelope.messageId());
        headers.put(TOPIC, envelope.topic());
        if (envelope.key() != null) {
            headers.put(KEY, envelope.key());
        }
        headers.put(EVENT_TYPE, envelope.eventType());
        headers.put(OCCURRED_AT, envelope.occurredAt().toString());
        headers.put(SOURCE_MODULE, envelope.sourceModule());
        if (envelope.correlationId() != null) {
            headers.put(TRACEPARENT, envelope.correlationId());
        }
        return headers;
    }

    /**
     * Reads an envelope back.
     *
     * @param header the received header value by name, null if absent
     * @throws IllegalArgumentException naming the missing or malformed header
     */
    public static Envelope fromHeaders(Function<String, String> header, String payload) {
        String occurredAt = required(header, OCCURRED_AT);
        Instant occurred;
        try {
            occurred = Instant.parse(occurredAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("header " + OCCURRED_AT + " is not an ISO-8601 instant: " + occurredAt);
        }
        if (payload == null) {
            throw new IllegalArgumentException("the message has no body");
        }
        return new Envelope(required(header, MESSAGE_ID), required(header, TOPIC), header.apply(KEY),
                required(header, EVENT_TYPE), occurred, required(header, SOURCE_MODULE), header.apply(TRACEPARENT), payload);
    }

    private static String required(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + name + " is missing");
        }
        return value;
    }
}
