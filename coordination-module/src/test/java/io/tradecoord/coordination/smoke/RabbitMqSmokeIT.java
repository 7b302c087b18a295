package io.tradecoord.coordination.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A real round trip with amqp-client: a persistent message confirmed by the broker, then fetched and acked. */
class RabbitMqSmokeIT {

    @Test
    void publishWithConfirmThenGetAndAck() throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(TestServices.RABBITMQ_URI);
        factory.setConnectionTimeout(5_000);
        Connection connection;
        try {
            connection = factory.newConnection("smoke-test");
        } catch (IOException e) {
            throw TestServices.unreachable("RabbitMQ", "127.0.0.1:5672", e);
        }
        try (connection; Channel channel = connection.createChannel()) {
            String queue = channel.queueDeclare("smoke." + UUID.randomUUID(), false, true, true, null).getQueue();
            channel.confirmSelect();
            String body = "hello " + queue;

            channel.basicPublish("", queue, true, MessageProperties.PERSISTENT_TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(5_000);

            GetResponse response = channel.basicGet(queue, false);
            assertNotNull(response, "the confirmed message is in the queue");
            assertEquals(body, new String(response.getBody(), StandardCharsets.UTF_8));
            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
            assertEquals(0, channel.messageCount(queue));
        }
    }
}
