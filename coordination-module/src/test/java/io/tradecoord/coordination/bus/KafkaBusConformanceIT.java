package io.tradecoord.coordination.bus;

import io.tradecoord.coordination.bus.kafka.KafkaSettings;
import io.tradecoord.coordination.bus.kafka.KafkaTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.smoke.ServiceControl;
import io.tradecoord.coordination.smoke.TestServices;

/** The Kafka bus against the real Kafka; "away" is the broker stopped (scripts/services.sh stop kafka). */
class KafkaBusConformanceIT extends BusConformanceSuite {

    @Override
    protected BusTransport newTransport() {
        KafkaSettings defaults = KafkaSettings.defaults();
        return new KafkaTransport(new KafkaSettings(TestServices.KAFKA, defaults.topicPrefix(), defaults.partitions(),
                defaults.replicationFactor(), 5_000, defaults.pollTimeoutMs()));
    }

    @Override
    protected void breakBroker() throws Exception {
        ServiceControl.kafka(false);
    }

    @Override
    protected void repairBroker() throws Exception {
        ServiceControl.kafka(true);
    }
}
