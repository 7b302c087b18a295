package io.tradecoord.order.boundary;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/** Readers of request values that accept only the JSON type the field has (null stays null: Bean Validation judges it). */
final class StrictScalars {

    private StrictScalars() {
    }

    /** A string field takes a JSON string, not a number or boolean. */
    static final class Text implements JsonbDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonString text) {
                return text.getString();
            }
            throw new JsonbException("expected a JSON string, found " + describe(value));
        }
    }

    /** An integer field takes a whole JSON number in range, not 1.5 or "2". */
    static final class WholeNumber implements JsonbDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonNumber number && number.isIntegral()) {
                try {
                    return number.bigDecimalValue().intValueExact();
                } catch (ArithmeticException e) {
                    throw new JsonbException("the whole number " + number + " is out of range");
                }
            }
            throw new JsonbException("expected a whole number, found " + describe(value));
        }
    }

    /** An amount takes a JSON number, not a string. */
    static final class Decimal implements JsonbDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser parser, DeserializationContext context, Type type) {
            JsonValue value = parser.getValue();
            if (value == JsonValue.NULL) {
                return null;
            }
            if (value instanceof JsonNumber number) {
                return number.bigDecimalValue();
            }
            throw new JsonbException("expected a number, found " + describe(value));
        }
    }

    private static String describe(JsonValue value) {
        String text = value.toString();
        return value.getValueType().name().toLowerCase() + " " + (text.length() <= 40 ? text : text.substring(0, 40) + "...");
    }
}
