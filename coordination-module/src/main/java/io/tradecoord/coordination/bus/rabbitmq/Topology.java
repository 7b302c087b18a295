package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.util.Map;

/**
 * The names and declarations of the bus on RabbitMQ. Every declaration is idempotent (same name, same
 * arguments) and durable, and is made on a channel of an auto-recovering connection, which records it and
 * declares it again after a reconnect.
 * <pre>
 * events exchange (topic)  --&lt;topic&gt;.p&lt;i&gt;--&gt;  &lt;module&gt;.&lt;topic&gt;.p&lt;i&gt;   (one per module, topic, partition)
 * dead exchange (topic)    --&lt;module&gt;.#------&gt;  &lt;module&gt;.dead-letters
 * </pre>
 */
final class Topology {

    private final RabbitMqSettings settings;

    Topology(RabbitMqSettings settings) {
        this.settings = settings;
    }

    int partitionOf(String key) {
        // String.hashCode is specified by the JLS, so every instance and every release agrees on it
        return key == null ? 0 : Math.floorMod(key.hashCode(), settings.partitions());
    }

    static String routingKey(String topic, int partition) {
        return topic + ".p" + partition;
    }

    static String queue(String module, String topic, int partition) {
        return module + "." + topic + ".p" + partition;
    }

    static String deadLetterQueue(String module) {
        return module + ".dead-letters";
    }

    static String deadLetterRoutingKey(String module, String topic) {
        return module + "." + topic;
    }

    void declareExchanges(Channel channel) throws IOException {
        channel.exchangeDeclare(settings.exchange(), BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(settings.deadExchange(), BuiltinExchangeType.TOPIC, true);
    }

    /** The module's dead-letter queue, bound to the dead-letter exchange. */
    void declareDeadLetterQueue(Channel channel, String module) throws IOException {
        String deadLetters = deadLetterQueue(module);
        channel.queueDeclare(deadLetters, true, false, false, Map.of("x-queue-type", settings.queueType().argument()));
        channel.queueBind(deadLetters, settings.deadExchange(), module + ".#");
    }

    /** The module's dead-letter queue and its partition queues for {@code topic}, with their bindings. */
    void declareQueues(Channel channel, String module, String topic) throws IOException {
        declareDeadLetterQueue(channel, module);
        Map<String, Object> arguments = Map.of(
                "x-queue-type", settings.queueType().argument(),
                // a message the broker dead-letters (rejected without requeue, a delivery-limit or TTL set by a
                // policy) lands in the module's dead-letter queue like the ones the core gives up on
                "x-dead-letter-exchange", settings.deadExchange(),
                "x-dead-letter-routing-key", deadLetterRoutingKey(module, topic),
                // per-key order across several instances of the application: only one consumer of a partition
                // queue receives at a time, the others stand by and take over when it goes away
                "x-single-active-consumer", true);
        for (int p = 0; p < settings.partitions(); p++) {
            String queue = queue(module, topic, p);
            channel.queueDeclare(queue, true, false, false, arguments);
            channel.queueBind(queue, settings.exchange(), routingKey(topic, p));
        }
    }

    /** Module and topic become parts of AMQP names and topic patterns. */
    static void checkName(String what, String value) {
        if (value == null || value.isBlank() || value.length() > 100) {
            throw new IllegalArgumentException(what + " must be 1..100 characters: " + value);
        }
        if (value.contains("#") || value.contains("*") || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException(what + " must not contain '#', '*' or whitespace: " + value);
        }
    }
}
