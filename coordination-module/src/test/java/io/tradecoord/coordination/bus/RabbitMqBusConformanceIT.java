package io.tradecoord.coordination.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.tradecoord.coordination.bus.core.DeferredTransport;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqSettings;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTestTopology;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.smoke.ServiceControl;
import io.tradecoord.coordination.smoke.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The RabbitMQ bus against the real RabbitMQ; "away" is the broker application stopped (rabbitmqctl stop_app). */
class RabbitMqBusConformanceIT extends BusConformanceSuite {

    @Override
    protected BusTransport newTransport() {
        RabbitMqSettings defaults = RabbitMqSettings.defaults();
        return new RabbitMqTransport(new RabbitMqSettings(RabbitMqSettings.parseUri(TestServices.RABBITMQ_URI),
                "conformance.events", defaults.partitions(), defaults.prefetch(), defaults.queueType(), 5_000));
    }

    @Override
    protected void removeTopology(String module, String topic) throws Exception {
        RabbitMqTestTopology.deleteModuleQueues(TestServices.RABBITMQ_URI, module, topic, RabbitMqSettings.defaults().partitions());
    }

    @Test
    void modulesJoinWhileRabbitMqIsDownAndCatchUpWhenItReturns() throws Exception {
        bus.close();
        ServiceControl.rabbitmq(false);
        try {
            BusTransport deferred = DeferredTransport.connect("rabbitmq", this::newTransport, Duration.ofMillis(500));
            assertFalse(deferred instanceof DeferredTransport started && started.isConnected(), "RabbitMQ is down");
            bus = new EventBus(deferred, SETTINGS);
            bus.join(consumer); // a deployment that does not fail
            bus.join(producer);
            publish(true, events("while down", 0, 20));
            Thread.sleep(1_500);
            assertEquals(20, unsent(producer), "the events wait in the outbox");
        } finally {
            ServiceControl.rabbitmq(true);
        }
        awaitReceived(20);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        publish(true, events("once up", 20, 25));
        awaitReceived(25);
        Thread.sleep(300);
        assertExactlyInOrder(25, received());
    }

    @Override
    protected void breakBroker() throws Exception {
        ServiceControl.rabbitmq(false);
    }

    @Override
    protected void repairBroker() throws Exception {
        ServiceControl.rabbitmq(true);
    }
}
