package io.tradecoord.ear.busprobe.producer;

import io.tradecoord.coordination.bus.BusModule;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ProducerBus extends BusModule {
}
