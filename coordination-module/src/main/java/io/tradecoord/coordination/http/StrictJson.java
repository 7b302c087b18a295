package io.tradecoord.coordination.http;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import jakarta.ws.rs.ext.ContextResolver;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * The JSON-B the modules' resources read and write with, stricter than the default where a lenient reading would
 * hide a client's mistake:
 * <ul>
 * <li>a field the request type does not declare is refused (a misspelt field must not be silently ignored);</li>
 * <li>every value must have its field's JSON type: Yasson alone reads {@code "5"} as a number, {@code 1.5} as the
 * integer 1 and {@code 42} as the text "42";</li>
 * <li>an object type takes a JSON object: Yasson alone reads {@code [{...}]} as the object inside.</li>
 * </ul>
 * Register with an empty subclass: {@code @Provider public class Json extends StrictJson {}}.
 */
public class StrictJson implements ContextResolver<Jsonb> {

    /** Yasson 3's switch (the JSON-B implementation of WildFly 39 and Payara 6); other implementations ignore it. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    // one per module (a provider is a singleton of its application): Yasson caches the module's classes in it
    private final Jsonb jsonb = new ObjectBodies(JsonbBuilder.create(new JsonbConfig()
            .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true)
            .withDeserializers(new Text(), new WholeNumber(), new WholeLongNumber(), new Decimal())));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }

    private static String shown(JsonValue value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A string field takes a JSON string (or null). */
    public static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            throw new JsonbException("expected a JSON string, got " + shown(value));
        }
    }

    /** An int field takes a JSON number without fraction, within the int range (or null). */
    public static final class WholeNumber implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return number.bigDecimalValue().intValueExact();
                } catch (ArithmeticException e) {
                    throw new JsonbException("expected a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE + ", got " + shown(value));
                }
            }
            throw new JsonbException("expected a whole number, got " + shown(value));
        }
    }

    /** A long field takes a JSON number without fraction, within the long range (or null). */
    public static final class WholeLongNumber implements JsonbDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return number.bigDecimalValue().longValueExact();
                } catch (ArithmeticException e) {
                    throw new JsonbException("expected a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE + ", got " + shown(value));
                }
            }
            throw new JsonbException("expected a whole number, got " + shown(value));
        }
    }

    /** A decimal field takes a JSON number (or null), not a string holding one. */
    public static final class Decimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue();
            }
            throw new JsonbException("expected a number, got " + shown(value));
        }
    }
}
