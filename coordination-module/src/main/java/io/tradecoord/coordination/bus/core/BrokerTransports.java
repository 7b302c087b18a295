package io.tradecoord.coordination.bus.core;

import static io.tradecoord.coordination.runtime.ConfigValues.text;
import static io.tradecoord.coordination.runtime.ConfigValues.wholeNumber;

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
                RabbitMqSettings.parseUri(text(config, RabbitMqSettings.URI_KEY, RabbitMqSettings.DEFAULT_URI)),
                text(config, RabbitMqSettings.EXCHANGE_KEY, RabbitMqSettings.DEFAULT_EXCHANGE),
                (int) wholeNumber(config, RabbitMqSettings.PARTITIONS_KEY, RabbitMqSettings.DEFAULT_PARTITIONS),
                (int) wholeNumber(config, RabbitMqSettings.PREFETCH_KEY, RabbitMqSettings.DEFAULT_PREFETCH),
                RabbitMqSettings.QueueType.parse(text(config, RabbitMqSettings.QUEUE_TYPE_KEY, RabbitMqSettings.DEFAULT_QUEUE_TYPE)),
                wholeNumber(config, RabbitMqSettings.CONFIRM_TIMEOUT_KEY, RabbitMqSettings.DEFAULT_CONFIRM_TIMEOUT_MILLIS)));
    }

    static BusTransport kafka(Config config) {
        return new KafkaTransport(new KafkaSettings(
                text(config, KafkaSettings.BOOTSTRAP_SERVERS_KEY, KafkaSettings.DEFAULT_BOOTSTRAP_SERVERS),
                text(config, KafkaSettings.TOPIC_PREFIX_KEY, KafkaSettings.DEFAULT_TOPIC_PREFIX),
                (int) wholeNumber(config, KafkaSettings.PARTITIONS_KEY, KafkaSettings.DEFAULT_PARTITIONS),
                KafkaSettings.parseReplicationFactor(text(config, KafkaSettings.REPLICATION_FACTOR_KEY, "auto")),
                (int) wholeNumber(config, KafkaSettings.REQUEST_TIMEOUT_KEY, KafkaSettings.DEFAULT_REQUEST_TIMEOUT_MS),
                (int) wholeNumber(config, KafkaSettings.POLL_TIMEOUT_KEY, KafkaSettings.DEFAULT_POLL_TIMEOUT_MS)));
    }
}
