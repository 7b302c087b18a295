package io.tradecoord.coordination.bus.kafka;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Envelopes as Kafka records and back: key = event key, headers = {@link EnvelopeHeaders} in UTF-8, value = payload. */
final class EnvelopeRecords {

    // a dead letter's error is usually a stack trace; bounded so it can never push the record over max.request.size
    static final int MAX_ERROR_CHARS = 16_000;

    private EnvelopeRecords() {
    }

    static ProducerRecord<String, String> toRecord(String kafkaTopic, Envelope envelope) {
        var record = new ProducerRecord<>(kafkaTopic, envelope.key(), envelope.payload());
        Headers headers = record.headers();
        EnvelopeHeaders.forEachHeader(envelope, (name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    static ProducerRecord<String, String> toDeadLetterRecord(String kafkaTopic, String module, Envelope envelope, String error) {
        var record = toRecord(kafkaTopic, envelope);
        String shortError = error == null ? "(no error given)"
                : error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "... (truncated)";
        addHeaders(record.headers(), Map.of(EnvelopeHeaders.ERROR, shortError, EnvelopeHeaders.DEAD_MODULE, module));
        return record;
    }

    /** The delivery of a received record; a record whose headers do not make an envelope arrives as unreadable. */
    static Delivery toDelivery(ConsumerRecord<String, String> record) {
        try {
            Envelope envelope = EnvelopeHeaders.fromHeaders(name -> lastValue(record.headers(), name), record.value());
            // Kafka does not say whether a record was delivered before
            return Delivery.of(envelope, false);
        } catch (IllegalArgumentException e) {
            return Delivery.unreadable(record.value(), e.getMessage() + " (Kafka record " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ")");
        }
    }

    static String lastValue(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void addHeaders(Headers headers, Map<String, String> values) {
        values.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
    }
}
