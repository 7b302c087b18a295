package io.tradecoord.coordination.bus.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.core.EventTypes;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A module's side of the event contracts, as a suite each business module subclasses (in its test sources, with the
 * coordination-module test-jar): every event it publishes is written in the shape of its golden file in
 * {@code docs/contracts/<topic>.json}, and every event it consumes is read from its golden file with all its fields
 * (the bus's own JSON-B writing and strict reading, {@link EventTypes}). The producing and consuming modules read the
 * same files, so a change on one side that the other cannot read fails a build.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class EventContractSuite {

    /** The module's package root, e.g. {@code io.tradecoord.order}: events in {@code .entity} and {@code .entity.incoming}. */
    protected abstract String basePackage();

    /** (topic, an instance of the record the module publishes on it), for every topic the module publishes. */
    protected abstract Stream<Arguments> published();

    /** (topic, the record type the module reads it into), for every topic the module consumes. */
    protected abstract Stream<Arguments> consumed();


    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void publishesTheGoldenShape(String topic, Object event) {
        assertEquals(topic, EventTypes.require(event.getClass()).topic(), "the record's @IntegrationEvent topic");
        JsonValue sent = parse(EventTypes.toJson(event)); // what the outbox stores and the broker carries
        assertSameShape(golden(topic), sent, topic);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumed")
    void readsEveryFieldOfTheGolden(String topic, Class<?> type) throws IOException {
        assertEquals(topic, EventTypes.require(type).topic(), "the record's @IntegrationEvent topic");
        String json = Files.readString(contract(topic));
        Object event = EventTypes.readStrictly(json, type); // as the inbox reads a delivery
        assertNoNull(event, type.getSimpleName());
        // written back, the record gives the very same values: every field was read, with its value
        assertEquals(parse(json), parse(EventTypes.toJson(event)), topic + " read and written back");
    }

    /** Every integration event type of the module is checked above, and sits where its direction says. */
    @Test
    void everyEventTypeOfTheModuleIsCovered() throws IOException {
        Map<String, Set<Class<?>>> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve(basePackage().replace('.', '/')))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = CLASSES.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = load(name);
                if (EventTypes.describe(type).isPresent()) {
                    found.computeIfAbsent(type.getPackageName(), p -> new HashSet<>()).add(type);
                }
            }
        }
        Set<Class<?>> published = published().map(a -> a.get()[1].getClass()).collect(Collectors.toSet());
        Set<Class<?>> consumed = consumed().map(a -> (Class<?>) a.get()[1]).collect(Collectors.toSet());
        Map<String, Set<Class<?>>> expected = new TreeMap<>();
        expected.put(basePackage() + ".entity", published);
        if (!consumed.isEmpty()) {
            expected.put(basePackage() + ".entity.incoming", consumed);
        }
        assertEquals(expected, found, "@IntegrationEvent types by package (published in entity, consumed in entity.incoming)");
    }

    private static final Path CLASSES = Path.of("target/classes");

    /** Relative to the module directory, Surefire's working directory. */
    static Path contract(String topic) {
        Path file = Path.of("../docs/contracts/" + topic + ".json");
        assertTrue(Files.isRegularFile(file), "no golden file " + file.toAbsolutePath().normalize());
        return file;
    }

    static JsonValue golden(String topic) {
        try {
            return parse(Files.readString(contract(topic)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonValue parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return reader.readValue();
        }
    }

    /** Same field names and JSON value types, recursively (integers apart from fractions); values may differ. */
    static void assertSameShape(JsonValue golden, JsonValue actual, String path) {
        assertEquals(kind(golden), kind(actual), path + ": JSON type (golden " + golden + ", sent " + actual + ")");
        if (golden instanceof JsonObject g) {
            JsonObject a = actual.asJsonObject();
            assertEquals(new TreeSet<>(g.keySet()), new TreeSet<>(a.keySet()), path + ": field names");
            g.keySet().forEach(name -> assertSameShape(g.get(name), a.get(name), path + "." + name));
        } else if (golden instanceof JsonArray g) {
            JsonArray a = actual.asJsonArray();
            assertFalse(g.isEmpty() || a.isEmpty(), path + ": both arrays need an element to compare");
            for (int i = 0; i < Math.max(g.size(), a.size()); i++) {
                assertSameShape(g.get(Math.min(i, g.size() - 1)), a.get(Math.min(i, a.size() - 1)), path + "[" + i + "]");
            }
        }
    }

    private static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case TRUE, FALSE -> "boolean";
            case NUMBER -> ((JsonNumber) value).isIntegral() ? "integer" : "fraction";
            default -> value.getValueType().name().toLowerCase(Locale.ROOT);
        };
    }

    /** No component of the record, of its nested records or of their list elements is null. */
    static void assertNoNull(Object value, String path) {
        assertNotNull(value, path + " was not read");
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                try {
                    assertNoNull(component.getAccessor().invoke(record), path + "." + component.getName());
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError(path + "." + component.getName(), e);
                }
            }
        } else if (value instanceof List<?> list) {
            assertFalse(list.isEmpty(), path + " is empty");
            for (int i = 0; i < list.size(); i++) {
                assertNoNull(list.get(i), path + "[" + i + "]");
            }
        }
    }

    private Class<?> load(String name) {
        try {
            return Class.forName(name, false, getClass().getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(name, e);
        }
    }
}
