package io.tradecoord.benchmarks.bus;

import io.tradecoord.coordination.bus.IntegrationEvent;

/**
 * The benchmark's integration event; its JSON is padded to about 1 KiB ({@link #PAD}). {@code firedNanos} is the
 * producer's {@code System.nanoTime()} just before the transaction that wrote it to the outbox (latency case; the
 * consumer runs in the same JVM). The topic here is only the annotation's: every case puts the envelope on a topic
 * of its own run.
 */
@IntegrationEvent(topic = "bench.event", key = "key")
public record BenchEvent(String key, long seq, long firedNanos, String pad) {

    /** Padding that makes the JSON of a typical event 1,024 bytes. */
    static final String PAD = padding();

    static BenchEvent of(String key, long seq, long firedNanos) {
        return new BenchEvent(key, seq, firedNanos, PAD);
    }

    private static String padding() {
        // {"firedNanos":<13..15 digits>,"key":"key-123","pad":"...","seq":<1..6 digits>}
        String bare = io.tradecoord.coordination.bus.core.EventTypes.toJson(new BenchEvent("key-123", 12_345, 1_234_567_890_123_456L, ""));
        return "x".repeat(Math.max(0, 1024 - bare.length()));
    }
}
