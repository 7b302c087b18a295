package io.tradecoord.ear.busprobe.consumer;

import io.tradecoord.coordination.bus.IntegrationEvent;

/** The consumer's own type for the topic: same JSON fields, no class shared with the producer. */
@IntegrationEvent(topic = "probe.greeting", key = "id")
public record GreetingReceived(String id, String text) {
}
