package io.tradecoord.coordination.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tradecoord.coordination.bus.local.LocalTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import org.junit.jupiter.api.Test;

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

    /**
     * While a subscriber on record is away, its topic's events wait in the outbox (the in-JVM bus stores nothing):
     * one row parked, the others held back behind it, however often the park ends and they are tried again. Each try
     * used to park every row of the batch, and the relay's passes then read every parked row, one by one.
     */
    @Test
    void eventsWaitingForASubscriberThatIsAwayKeepOneParkedRowForTheirTopic() throws Exception {
        publish(true, events("before", 0, 3));
        awaitReceived(3);
        bus.leave(consumer.module());
        publish(true, events("while away", 3, 203));
        Thread.sleep(SETTINGS.parkTime().toMillis() * 3 + 500); // the park ended, and they were tried again, twice
        assertEquals(1, count("SELECT COUNT(*) FROM coordination_outbox WHERE source_module = ? AND next_attempt_at IS NOT NULL"
                + " AND next_attempt_at < TIMESTAMP '9000-01-01 00:00:00'", producer.module()), "rows parked (not held back)");
        assertEquals(200, unsent(producer));
        bus.join(consumer);
        awaitReceived(203);
        assertExactlyInOrder(203, received());
    }
}
