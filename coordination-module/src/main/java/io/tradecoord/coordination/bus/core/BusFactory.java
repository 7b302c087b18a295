package io.tradecoord.coordination.bus.core;

import static io.tradecoord.coordination.runtime.ConfigValues.text;
import static io.tradecoord.coordination.runtime.ConfigValues.wholeNumber;

import io.tradecoord.coordination.bus.local.LocalTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.runtime.BusBackend;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;

/** Builds the bus the configuration asks for; every key and default of the bus core is here. */
public final class BusFactory {

    public static final String DATASOURCE_KEY = "coordination.datasource";
    /** How often a bus that could not reach its broker at start tries again. */
    static final Duration BROKER_RETRY = Duration.ofSeconds(5);

    private BusFactory() {
    }

    public static EventBus create(Config config) {
        BusBackend backend = BusBackend.fromConfig(text(config, BusBackend.CONFIG_KEY, BusBackend.LOCAL.configValue()));
        return new EventBus(transport(backend, config), settings(config));
    }

    static BusTransport transport(BusBackend backend, Config config) {
        return switch (backend) {
            case LOCAL -> new LocalTransport();
            // a module deploys and serves while RabbitMQ is down (its events wait in the outbox); Kafka's client is lazy anyway
            case RABBITMQ -> DeferredTransport.connect("rabbitmq", () -> BrokerTransports.rabbitMq(config), BROKER_RETRY);
            case KAFKA -> BrokerTransports.kafka(config);
        };
    }

    /** The bus settings from {@code config}; an unset key takes the value of {@link BusSettings#defaults()}. */
    public static BusSettings settings(Config config) {
        BusSettings defaults = BusSettings.defaults();
        return new BusSettings(
                (int) wholeNumber(config, BusSettings.MAX_ATTEMPTS_KEY, defaults.maxAttempts()),
                Duration.ofMillis(wholeNumber(config, BusSettings.RETRY_BACKOFF_KEY, defaults.retryBackoff().toMillis())),
                (int) wholeNumber(config, BusSettings.CONSUMER_THREADS_KEY, defaults.consumerThreads()),
                Duration.ofMillis(wholeNumber(config, BusSettings.SWEEP_KEY, defaults.sweepInterval().toMillis())),
                (int) wholeNumber(config, BusSettings.BATCH_KEY, defaults.batchSize()),
                Duration.ofMillis(wholeNumber(config, BusSettings.PARK_KEY, defaults.parkTime().toMillis())),
                Duration.ofMillis(wholeNumber(config, BusSettings.RELAY_LEASE_KEY, defaults.relayLease().toMillis())),
                (int) wholeNumber(config, BusSettings.MAX_PUBLISH_ATTEMPTS_KEY, defaults.maxPublishAttempts()),
                (int) wholeNumber(config, BusSettings.MAX_EVENT_BYTES_KEY, defaults.maxEventBytes()),
                Duration.ofMillis(wholeNumber(config, BusSettings.INBOX_RETENTION_KEY, defaults.inboxRetention().toMillis())),
                Duration.ofMillis(wholeNumber(config, BusSettings.DEAD_LETTER_RETENTION_KEY, defaults.deadLetterRetention().toMillis())),
                Duration.ofMillis(wholeNumber(config, BusSettings.RETRY_FOR_KEY, defaults.retryFor().toMillis())),
                Duration.ofMillis(wholeNumber(config, BusSettings.STARTUP_GRACE_KEY, defaults.startupGrace().toMillis())));
    }

    /**
     * The JNDI name of a module's datasource: {@code coordination.datasource.<module>} if set, else
     * {@code coordination.datasource}, else the server's default datasource.
     */
    public static String dataSourceFor(Config config, String module) {
        return config.getOptionalValue(DATASOURCE_KEY + "." + module, String.class)
                .or(() -> config.getOptionalValue(DATASOURCE_KEY, String.class))
                .orElse("java:comp/DefaultDataSource");
    }
}
