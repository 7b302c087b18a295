package io.tradecoord.inventory.control;

import io.tradecoord.coordination.bus.BusModule;
import jakarta.enterprise.context.ApplicationScoped;

/** Joins the inventory module to the event bus (its outbox relay and its subscriptions to the order events). */
@ApplicationScoped
public class InventoryBus extends BusModule {
}
