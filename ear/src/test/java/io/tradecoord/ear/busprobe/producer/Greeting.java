package io.tradecoord.ear.busprobe.producer;

import io.tradecoord.coordination.bus.IntegrationEvent;

@IntegrationEvent(topic = "probe.greeting", key = "id")
public record Greeting(String id, String text) {
}
