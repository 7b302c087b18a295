package io.tradecoord.order.control;

import io.tradecoord.coordination.bus.BusModule;
import jakarta.enterprise.context.ApplicationScoped;

/** Joins the order module to the event bus (outbox relay, subscriptions to the topics it observes). */
@ApplicationScoped
public class OrderBus extends BusModule {
}
