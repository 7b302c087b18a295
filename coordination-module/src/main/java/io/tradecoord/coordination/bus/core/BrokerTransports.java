package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.kafka.KafkaSettings;
import io.tradecoord.coordination.bus.kafka.KafkaTransport;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqSettings;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import org.eclipse.microprofile.config.Config;

/** The broker transports, built from configuration. */
final class BrokerTransports {

    private BrokerTransports() {
    }

    static BusTransport rabbitMq(Config config) {
        return new RabbitMqTransport(new RabbitMqSettings(
                RabbitMqSettings.parseUri(BusFactory.value(config, RabbitMqSettings.URI_KEY, RabbitMqSettings.DEFAULT_URI)),
                BusFactory.value(config, RabbitMqSettings.EXCHANGE_KEY, RabbitMqSettings.DEFAULT_EXCHANGE),
                (int) BusFactory.number(config, RabbitMqSettings.PARTITIONS_KEY, RabbitMqSettings.DEFAULT_PARTITIONS),
                (int) BusFactory.number(config, RabbitMqSettings.PREFETCH_KEY, RabbitMqSettings.DEFAULT_PREFETCH),
                RabbitMqSettings.QueueType.parse(BusFactory.value(config, RabbitMqSettings.QUEUE_TYPE_KEY, RabbitMqSettings.DEFAULT_QUEUE_TYPE)),
                BusFactory.number(config, RabbitMqSettings.CONFIRM_TIMEOUT_KEY, RabbitMqSettings.DEFAULT_CONFIRM_TIMEOUT_MILLIS)));
    }

    static BusTransport kafka(Config config) {
        return new KafkaTransport(new KafkaSettings(
                BusFactory.value(config, KafkaSettings.BOOTSTRAP_SERVERS_KEY, KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS),
                BusFactory.value(config, KafkaSettings.TOPIC_PREFIX_KEY, KafkaSettings.DEFAULT_TOPIC_PREFIX),
                (int) BusFactory.number(config, KafkaSettings.PARTITIONS_KEY, KafkaSettings.DEFAULT_PARTITIONS),
                KafkaSettings.parseReplicationFactor(BusFactory.value(config, KafkaSettings.REPLICATION_FACTOR_KEY, "auto")),
                (int) BusFactory.number(config, KafkaSettings.REQUEST_TIMEOUT_KEY, KafkaSettings.DEFAULT_REQUEST_TIMEOUT_MS),
                (int) BusFactory.number(config, KafkaSettings.POLL_TIMEOUT_KEY, KafkaSettings.DEFAULT_POLL_TIMEOUT_MS)));
    }
}
