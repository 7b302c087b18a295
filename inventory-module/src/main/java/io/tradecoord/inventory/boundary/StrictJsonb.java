package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.StrictJson;
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
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * The JSON-B of this module's resources: the shared strict configuration, made effective, and stricter still.
 * <ul>
 * <li>Unknown fields are refused. Yasson 3 (WildFly 39 and Payara 6 ship 3.0.4) reads the switch under the key
 * {@code jsonb.fail-on-unknown-properties}; the shared class sets {@code yasson.fail-on-unknown-properties}, which
 * Yasson 3 ignores.</li>
 * <li>Every value must have its field's JSON type: Yasson would read {@code "5"} as a number, {@code 1.5} as the
 * integer 1 and {@code 42} as the text "42"; a client that sends those has made a mistake.</li>
 * </ul>
 */
@Provider
public class StrictJsonb extends StrictJson {

    private static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true)
            .withDeserializers(new Text(), new WholeNumber(), new Decimal()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }

    /** The JSON value at the parser; {@code currentEvent()} is not supported by Yasson's parser. */
    private static JsonValue valueAt(JsonParser parser) {
        return parser.getValue();
    }

    private static String shown(JsonValue value) {
        String text = value.toString();
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** A string field takes a JSON string (or null). */
    public static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = valueAt(parser);
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            throw new JsonbException("expected a JSON string, got " + shown(value));
        }
    }

    /** An integer field takes a JSON number without fraction or exponent, within the int range (or null). */
    public static final class WholeNumber implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = valueAt(parser);
            if (value.getValueType() == JsonValue.ValueType.NULL) {
                return null;
            }
            if (value instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return number.bigDecimalValue().intValueExact();
                } catch (ArithmeticException e) {
                    throw new JsonbException("expected a whole number between " + Integer.MIN_VALUE + " and "
                            + Integer.MAX_VALUE + ", got " + shown(value));
                }
            }
            throw new JsonbException("expected a whole number, got " + shown(value));
        }
    }

    /** A decimal field takes a JSON number (or null), not a string holding one. */
    public static final class Decimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = valueAt(parser);
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
