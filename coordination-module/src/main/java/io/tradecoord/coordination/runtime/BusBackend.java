package io.tradecoord.coordination.runtime;

/** Which broker carries integration events between modules; chosen with {@value #CONFIG_KEY}. */
public enum BusBackend {
    /** In-JVM bus delivering between the modules of one EAR: the embedded default, needs no broker. */
    LOCAL,
    /** RabbitMQ through amqp-client. */
    RABBITMQ,
    /** Kafka through kafka-clients. */
    KAFKA;

    public static final String CONFIG_KEY = "coordination.bus.backend";

    public static BusBackend fromConfig(String value) {
        return ConfigValues.parseEnum(BusBackend.class, CONFIG_KEY, value);
    }

    public String configValue() {
        return ConfigValues.configValue(this);
    }
}
