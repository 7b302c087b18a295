package io.tradecoord.coordination.bus.spi;

import io.tradecoord.coordination.bus.Envelope;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
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
    public static final String SCHEMA_VERSION = "schema-version";
    public static final String SEQUENCE = "sequence";
    public static final String REPLAY = "replay";
    public static final String ERROR = "dead-letter-error";
    public static final String DEAD_MODULE = "dead-letter-module";

    private EnvelopeHeaders() {
    }

    /** The envelope's fields except the payload; absent values (key, correlation id) are left out. */
    public static Map<String, String> toHeaders(Envelope envelope) {
        Map<String, String> headers = new LinkedHashMap<>();
        forEachHeader(envelope, headers::put);
        return headers;
    }

    /** {@link #toHeaders} without the map: hands each header to {@code header}, in the same order. */
    public static void forEachHeader(Envelope envelope, BiConsumer<String, String> header) {
        header.accept(MESSAGE_ID, envelope.messageId());
        header.accept(TOPIC, envelope.topic());
        if (envelope.key() != null) {
            header.accept(KEY, envelope.key());
        }
        header.accept(EVENT_TYPE, envelope.eventType());
        header.accept(OCCURRED_AT, formatInstant(envelope.occurredAt()));
        header.accept(SOURCE_MODULE, envelope.sourceModule());
        if (envelope.correlationId() != null) {
            header.accept(TRACEPARENT, envelope.correlationId());
        }
        header.accept(SCHEMA_VERSION, Integer.toString(envelope.schemaVersion()));
        if (envelope.sequence() > 0) {
            header.accept(SEQUENCE, Long.toString(envelope.sequence()));
        }
        if (envelope.replay()) {
            header.accept(REPLAY, "true");
        }
    }

    /**
     * {@code instant.toString()} (ISO-8601, UTC, the fraction in groups of 3 digits), the same string, without
     * {@link java.time.format.DateTimeFormatter}: the relay formats and parses the occurred-at of every event, and
     * through the formatter that was a fifth of its thread's time. Instants before 1970 or from the year 10000 on go
     * through {@link Instant#toString()}.
     */
    public static String formatInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return instant.toString();
        }
        LocalDate date = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        StringBuilder sb = new StringBuilder(30);
        digits(sb, date.getYear(), 4).append('-');
        digits(sb, date.getMonthValue(), 2).append('-');
        digits(sb, date.getDayOfMonth(), 2).append('T');
        digits(sb, secondOfDay / 3600, 2).append(':');
        digits(sb, secondOfDay / 60 % 60, 2).append(':');
        digits(sb, secondOfDay % 60, 2);
        int nano = instant.getNano();
        if (nano > 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(sb, nano / 1_000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z').toString();
    }

    /**
     * {@link Instant#parse}, with a fast path for what {@link #formatInstant} writes
     * ({@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}); anything else (offsets, leap seconds, other years) goes through
     * {@link Instant#parse}, which also throws for what is not an instant.
     */
    public static Instant parseInstant(String text) {
        int n = text.length();
        if (n >= 20 && n <= 30 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(n - 1) == 'Z'
                && (n == 20 || (n >= 22 && text.charAt(19) == '.'))) {
            int year = number(text, 0, 4);
            int month = number(text, 5, 2);
            int day = number(text, 8, 2);
            int hour = number(text, 11, 2);
            int minute = number(text, 14, 2);
            int second = number(text, 17, 2);
            int fraction = n == 20 ? 0 : number(text, 20, n - 21);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59
                    && second >= 0 && second <= 59 && fraction >= 0) {
                try {
                    long epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second;
                    return Instant.ofEpochSecond(epochSecond, n == 20 ? 0 : fraction * POWERS_OF_TEN[9 - (n - 21)]);
                } catch (DateTimeException e) {
                    // e.g. February 30: Instant.parse says so below
                }
            }
        }
        return Instant.parse(text);
    }

    private static final long YEAR_10000 = 253_402_300_800L;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        String text = Integer.toString(value);
        for (int i = text.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(text);
    }

    /** The decimal number in {@code text[from, from + length)}, or -1 if a character is not a digit. */
    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
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
            occurred = parseInstant(occurredAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("header " + OCCURRED_AT + " is not an ISO-8601 instant: " + occurredAt);
        }
        if (payload == null) {
            throw new IllegalArgumentException("the message has no body");
        }
        String version = header.apply(SCHEMA_VERSION);
        int schemaVersion;
        try {
            schemaVersion = version == null ? 1 : Integer.parseInt(version); // absent: written before versions were sent
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + SCHEMA_VERSION + " is not a number: " + version);
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("header " + SCHEMA_VERSION + " must be at least 1: " + version);
        }
        String sequenceText = header.apply(SEQUENCE);
        long sequence;
        try {
            sequence = sequenceText == null ? 0 : Long.parseLong(sequenceText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("header " + SEQUENCE + " is not a number: " + sequenceText);
        }
        return new Envelope(required(header, MESSAGE_ID), required(header, TOPIC), header.apply(KEY),
                required(header, EVENT_TYPE), occurred, required(header, SOURCE_MODULE), header.apply(TRACEPARENT), payload,
                schemaVersion, Math.max(0, sequence), "true".equals(header.apply(REPLAY)));
    }

    private static String required(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("header " + name + " is missing");
        }
        return value;
    }
}
