package io.tradecoord.ear.flowprobe;

import io.tradecoord.coordination.bus.BusModule;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class RecorderBus extends BusModule {
}
