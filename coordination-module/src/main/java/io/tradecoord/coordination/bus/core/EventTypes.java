package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.IntegrationEvent;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
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
    private static final Jsonb JSONB = JsonbBuilder.create();

    private EventTypes() {
    }

    /** The topic and key accessor of an integration event type. */
    public record Descriptor(String topic, Method keyAccessor) {

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

    private static Optional<Descriptor> inspect(Class<?> type) {
        IntegrationEvent annotation = type.getAnnotation(IntegrationEvent.class);
        if (annotation == null) {
            return Optional.empty();
        }
        if (!TOPIC.matcher(annotation.topic()).matches()) {
            throw new IllegalArgumentException("@IntegrationEvent(topic = \"" + annotation.topic() + "\") on " + type.getName()
                    + ": a topic is lower-case words separated by '.' or '-', e.g. order.placed");
        }
        return Optional.of(new Descriptor(annotation.topic(), keyAccessor(type, annotation.key())));
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
