package io.tradecoord.coordination.bus;

/**
 * The event of the bus conformance suite. {@code sequence} counts per key on the producer side, so a consumer
 * can check per-key order; {@code poison} makes the test observer fail.
 */
@IntegrationEvent(topic = "conformance.event", key = "key")
public record ConformanceEvent(String key, long sequence, String note, boolean poison) {
}
