package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Envelope;
import java.time.Instant;
import java.util.UUID;

/** Builds the envelope of a fired integration event. */
public final class Envelopes {

    private Envelopes() {
    }

    /**
     * @param event        an instance of an {@code @IntegrationEvent} type
     * @param sourceModule the module firing it
     * @throws IllegalArgumentException if the type is not an integration event or its key is null
     */
    public static Envelope of(Object event, String sourceModule) {
        EventTypes.Descriptor descriptor = EventTypes.require(event.getClass());
        return new Envelope(UUID.randomUUID().toString(), descriptor.topic(), descriptor.keyOf(event),
                event.getClass().getSimpleName(), Instant.now(), sourceModule, Correlation.currentOrNew(),
                EventTypes.toJson(event));
    }
}
