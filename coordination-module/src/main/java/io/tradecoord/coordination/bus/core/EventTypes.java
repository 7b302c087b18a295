package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.IntegrationEvent;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbTransient;
import java.io.StringReader;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * What the bus knows about an event class: its topic and how to read its key, from {@link IntegrationEvent};
 * and the JSON (JSON-B) of its instances. Checked once per class, with errors naming the class.
 */
public final class EventTypes {

    private static final Pattern TOPIC = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");
    private static final Map<Class<?>, Optional<Descriptor>> DESCRIPTORS = new ConcurrentHashMap<>();
    /** Null values are written, so that a field missing on the consumer's side means the contracts differ. */
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));
    /**
     * Looked up once: {@code Json.createReader} looks the provider up with a ServiceLoader on every call, which opened
     * jar files for every event read (a third of a Kafka consumer thread's CPU in the latency benchmark).
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    private EventTypes() {
    }

    /** The topic, key accessor and contract version of an integration event type. */
    public record Descriptor(String topic, Method keyAccessor, int version) {

        public String keyOf(Object event) {
            if (keyAccessor == null) {
                return null;
            }
            try {
                Object key = keyAccessor.invoke(event);
                if (key == null) {
                    throw new IllegalArgumentException(event.getClass().getSimpleName() + " has a null key ("
                            + keyAccessor.getName() + "): integration events need their key to keep them in order");
                }
                return key.toString();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read the key of " + event.getClass().getName(), e);
            }
        }
    }

    /** Empty if the class is not an integration event. */
    public static Optional<Descriptor> describe(Class<?> type) {
        return DESCRIPTORS.computeIfAbsent(type, EventTypes::inspect);
    }

    public static Descriptor require(Class<?> type) {
        return describe(type).orElseThrow(() -> new IllegalArgumentException(type.getName() + " is not annotated @IntegrationEvent"));
    }

    public static String toJson(Object event) {
        return JSONB.toJson(event);
    }

    /** @throws jakarta.json.bind.JsonbException if the JSON does not fit the type */
    public static <T> T fromJson(String json, Class<T> type) {
        return JSONB.fromJson(json, type);
    }

    /**
     * Reads an event as a consumer must: every JSON field must be a component of the (record) type, nested records
     * included, and every component must be in the JSON (null is allowed except for primitives). Classes that are
     * not records are read as JSON-B reads them.
     *
     * @throws IllegalArgumentException naming the first field that does not fit, or why the JSON cannot be read
     */
    public static <T> T readStrictly(String json, Class<T> type) {
        JsonValue tree;
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            tree = reader.readValue();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        checkFields(tree, type, "");
        try {
            return JSONB.fromJson(json, type);
        } catch (JsonbException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void checkFields(JsonValue value, Type type, String path) {
        Class<?> raw = rawClass(type);
        if (value.getValueType() == JsonValue.ValueType.NULL || raw == null) {
            return;
        }
        if (raw.isRecord()) {
            if (!(value instanceof JsonObject object)) {
                throw new IllegalArgumentException("field " + where(path) + " must be a JSON object for " + raw.getSimpleName());
            }
            Map<String, RecordComponent> components = new LinkedHashMap<>();
            for (RecordComponent component : raw.getRecordComponents()) {
                if (!component.getAccessor().isAnnotationPresent(JsonbTransient.class)) {
                    components.put(jsonName(component), component);
                }
            }
            for (String name : object.keySet()) {
                if (!components.containsKey(name)) {
                    throw new IllegalArgumentException("unknown field " + where(path + "." + name) + ": " + raw.getSimpleName()
                            + " has " + components.keySet());
                }
            }
            components.forEach((name, component) -> {
                JsonValue field = object.get(name);
                if (field == null) {
                    throw new IllegalArgumentException("missing field " + where(path + "." + name) + " of " + raw.getSimpleName());
                }
                if (field.getValueType() == JsonValue.ValueType.NULL && component.getType().isPrimitive()) {
                    throw new IllegalArgumentException("field " + where(path + "." + name) + " is null but "
                            + raw.getSimpleName() + " needs a " + component.getType().getName());
                }
                checkFields(field, component.getGenericType(), path + "." + name);
            });
        } else if (value instanceof JsonArray array) {
            Type element = raw.isArray() ? raw.getComponentType()
                    : type instanceof ParameterizedType generic && Collection.class.isAssignableFrom(raw)
                            ? generic.getActualTypeArguments()[0] : null;
            if (element != null) {
                for (int i = 0; i < array.size(); i++) {
                    checkFields(array.get(i), element, path + "[" + i + "]");
                }
            }
        }
    }

    private static String where(String path) {
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> c ? c : null;
    }

    /** The component's JSON name: its {@code @JsonbProperty} value if it has one (which JSON-B puts on the accessor). */
    private static String jsonName(RecordComponent component) {
        JsonbProperty property = component.getAccessor().getAnnotation(JsonbProperty.class);
        if (property == null) {
            property = component.getAnnotation(JsonbProperty.class);
        }
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    private static Optional<Descriptor> inspect(Class<?> type) {
        IntegrationEvent annotation = type.getAnnotation(IntegrationEvent.class);
        if (annotation == null) {
            return Optional.empty();
        }
        if (!TOPIC.matcher(annotation.topic()).matches()) {
            throw new IllegalArgumentException("@IntegrationEvent(topic = \"" + annotation.topic() + "\") on " + type.getName()
                    + ": a topic is lower-case words separated by '.' or '-', e.g. order.placed");
        }
        if (annotation.version() < 1) {
            throw new IllegalArgumentException("@IntegrationEvent(version = " + annotation.version() + ") on " + type.getName()
                    + ": versions start at 1");
        }
        return Optional.of(new Descriptor(annotation.topic(), keyAccessor(type, annotation.key()), annotation.version()));
    }

    private static Method keyAccessor(Class<?> type, String key) {
        if (key.isEmpty()) {
            return null;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                if (component.getName().equals(key)) {
                    return component.getAccessor();
                }
            }
        }
        for (String name : new String[] {key, "get" + Character.toUpperCase(key.charAt(0)) + key.substring(1)}) {
            try {
                return type.getMethod(name);
            } catch (NoSuchMethodException e) {
                // try the next spelling
            }
        }
        throw new IllegalArgumentException("@IntegrationEvent(key = \"" + key + "\") on " + type.getName()
                + ": no record component or getter of that name");
    }
}
