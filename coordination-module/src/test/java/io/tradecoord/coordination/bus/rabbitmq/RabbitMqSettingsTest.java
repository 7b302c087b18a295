package io.tradecoord.coordination.bus.rabbitmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.rabbitmq.RabbitMqSettings.QueueType;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class RabbitMqSettingsTest {

    private static final URI URI_WITH_PASSWORD = URI.create("amqp://app:top-secret@broker.example:5673/orders");

    @Test
    void defaults() {
        RabbitMqSettings settings = RabbitMqSettings.defaults();
        assertEquals("coordination.events", settings.exchange());
        assertEquals("coordination.events.dead", settings.deadExchange());
        assertEquals(4, settings.partitions());
        assertEquals(50, settings.prefetch());
        assertEquals(QueueType.QUORUM, settings.queueType());
        assertEquals(10_000, settings.confirmTimeoutMillis());
        assertEquals("amqp://127.0.0.1:5672/%2F", settings.uriForDisplay());
    }

    @Test
    void passwordIsNeverShown() {
        var settings = new RabbitMqSettings(URI_WITH_PASSWORD, "x", 4, 50, QueueType.CLASSIC, 1000);
        assertEquals("amqp://broker.example:5673/orders", settings.uriForDisplay());
        assertFalse(settings.toString().contains("top-secret"), settings.toString());

        var failure = assertThrows(InvalidConfigurationException.class,
                () -> new RabbitMqSettings(URI.create("http://app:top-secret@broker.example/"), "x", 4, 50, QueueType.QUORUM, 1000));
        assertEquals(RabbitMqSettings.URI_KEY, failure.key());
        assertFalse(failure.getMessage().contains("top-secret"), failure.getMessage());
        assertTrue(failure.getMessage().contains("app:***@"), failure.getMessage());

        var malformed = assertThrows(InvalidConfigurationException.class, () -> RabbitMqSettings.parseUri("amqp://app:top secret@h/"));
        assertFalse(malformed.getMessage().contains("top secret"), malformed.getMessage());

        // java.net.URI gives no user info for a host it cannot parse, or for an opaque URI
        for (String uri : new String[] {"amqp://app:top-secret@bad_host:5672/", "amqp:app:top-secret@host"}) {
            var unparsable = assertThrows(InvalidConfigurationException.class,
                    () -> new RabbitMqSettings(URI.create(uri), "x", 4, 50, QueueType.QUORUM, 1000));
            assertFalse(unparsable.getMessage().contains("top-secret"), unparsable.getMessage());
        }
    }

    @Test
    void invalidValuesNameTheirKey() {
        URI uri = URI.create(RabbitMqSettings.DEFAULT_URI);
        assertKey(RabbitMqSettings.EXCHANGE_KEY, () -> new RabbitMqSettings(uri, " ", 4, 50, QueueType.QUORUM, 1000));
        assertKey(RabbitMqSettings.EXCHANGE_KEY, () -> new RabbitMqSettings(uri, "amq.topic", 4, 50, QueueType.QUORUM, 1000));
        assertKey(RabbitMqSettings.PARTITIONS_KEY, () -> new RabbitMqSettings(uri, "x", 0, 50, QueueType.QUORUM, 1000));
        assertKey(RabbitMqSettings.PREFETCH_KEY, () -> new RabbitMqSettings(uri, "x", 4, 0, QueueType.QUORUM, 1000));
        assertKey(RabbitMqSettings.PREFETCH_KEY, () -> new RabbitMqSettings(uri, "x", 4, 70_000, QueueType.QUORUM, 1000));
        assertKey(RabbitMqSettings.QUEUE_TYPE_KEY, () -> new RabbitMqSettings(uri, "x", 4, 50, null, 1000));
        assertKey(RabbitMqSettings.QUEUE_TYPE_KEY, () -> QueueType.parse("stream"));
        assertKey(RabbitMqSettings.CONFIRM_TIMEOUT_KEY, () -> new RabbitMqSettings(uri, "x", 4, 50, QueueType.QUORUM, 0));
        assertKey(RabbitMqSettings.URI_KEY, () -> new RabbitMqSettings(URI.create("amqp://h/a/b"), "x", 4, 50, QueueType.QUORUM, 1000));
    }

    @Test
    void queueTypeIsParsedCaseInsensitively() {
        assertEquals(QueueType.CLASSIC, QueueType.parse(" Classic "));
        assertEquals("quorum", QueueType.parse("quorum").argument());
    }

    @Test
    void partitionOfAKeyIsStable() {
        Topology topology = new Topology(RabbitMqSettings.defaults());
        assertEquals(0, topology.partitionOf(null));
        assertEquals(Math.floorMod("order-42".hashCode(), 4), topology.partitionOf("order-42"));
        assertEquals("order.placed.p3", Topology.routingKey("order.placed", 3));
        assertEquals("billing.order.placed.p3", Topology.queue("billing", "order.placed", 3));
    }

    private static void assertKey(String key, org.junit.jupiter.api.function.Executable invalid) {
        assertEquals(key, assertThrows(InvalidConfigurationException.class, invalid).key());
    }
}
