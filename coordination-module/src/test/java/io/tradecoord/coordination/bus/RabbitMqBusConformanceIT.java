package io.tradecoord.coordination.bus;

import io.tradecoord.coordination.bus.rabbitmq.RabbitMqSettings;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTestTopology;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.smoke.ServiceControl;
import io.tradecoord.coordination.smoke.TestServices;

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

    @Override
    protected void breakBroker() throws Exception {
        ServiceControl.rabbitmq(false);
    }

    @Override
    protected void repairBroker() throws Exception {
        ServiceControl.rabbitmq(true);
    }
}
