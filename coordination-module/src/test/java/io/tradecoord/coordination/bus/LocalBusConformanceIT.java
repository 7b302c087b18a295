package io.tradecoord.coordination.bus;

import io.tradecoord.coordination.bus.local.LocalTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;

/** The in-JVM bus. It has no broker to stop: "away" is the consuming module being undeployed. */
class LocalBusConformanceIT extends BusConformanceSuite {

    @Override
    protected BusTransport newTransport() {
        return new LocalTransport();
    }

    @Override
    protected void breakBroker() {
        bus.leave(consumer.module());
    }

    @Override
    protected void repairBroker() throws Exception {
        bus.join(consumer);
    }
}
