package io.tradecoord.ear.busprobe.consumer;

import io.tradecoord.coordination.bus.BusModule;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ConsumerBus extends BusModule {
}
