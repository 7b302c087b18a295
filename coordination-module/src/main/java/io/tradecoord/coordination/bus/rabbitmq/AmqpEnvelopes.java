package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.LongString;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/** An envelope as an AMQP message (properties, headers, UTF-8 JSON body) and back. */
final class AmqpEnvelopes {

    static final String CONTENT_TYPE = "application/json";
    /** Persistent: the message survives a broker restart once confirmed. */
    private static final int PERSISTENT = 2;

    private AmqpEnvelopes() {
    }

    /** The properties of an event: the envelope headers plus {@code extraHeaders} (dead-letter fields). */
    static AMQP.BasicProperties properties(Envelope envelope, Map<String, String> extraHeaders) {
        Map<String, Object> headers = new LinkedHashMap<>(EnvelopeHeaders.toHeaders(envelope));
        headers.putAll(extraHeaders);
        return new AMQP.BasicProperties.Builder()
                .messageId(envelope.messageId())
                .timestamp(Date.from(envelope.occurredAt()))
                .type(envelope.eventType())
                .contentType(CONTENT_TYPE)
                .deliveryMode(PERSISTENT)
                .headers(headers)
                .build();
    }

    static byte[] body(Envelope envelope) {
        return envelope.payload().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a received message. One that is not an envelope (missing or malformed headers) becomes
     * {@link Delivery#unreadable}: the core dead-letters it instead of failing on it forever.
     */
    static Delivery read(AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
        String payload = body == null ? null : new String(body, StandardCharsets.UTF_8);
        Map<String, Object> headers = properties == null || properties.getHeaders() == null ? Map.of() : properties.getHeaders();
        try {
            Envelope envelope = EnvelopeHeaders.fromHeaders(name -> text(headers.get(name)), payload);
            return Delivery.of(envelope, redelivered);
        } catch (IllegalArgumentException e) {
            return Delivery.unreadable(payload, e.getMessage());
        }
    }

    /** AMQP string headers arrive as {@link LongString}; other publishers may send other types. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof LongString || value instanceof String) {
            return value.toString();
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
