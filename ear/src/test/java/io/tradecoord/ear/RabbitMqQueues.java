package io.tradecoord.ear;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The queues on the shared RabbitMQ, so that a test removes those it made (rabbitmqctl, as an operator would). */
public final class RabbitMqQueues {

    private RabbitMqQueues() {
    }

    public static Set<String> names() {
        Processes.Outcome listed = Processes.run(Duration.ofMinutes(1), List.of("rabbitmqctl", "-q", "list_queues", "name"));
        if (!listed.succeeded()) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + listed.output());
        }
        // -q still prints the column header
        return listed.output().lines().map(String::strip).filter(name -> !name.isEmpty() && !name.equals("name"))
                .collect(Collectors.toSet());
    }

    /** Deletes every queue not in {@code keep}, over one AMQP connection (a rabbitmqctl call per queue takes a second or two). */
    public static void deleteAllBut(Set<String> keep) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri("amqp://guest:guest@127.0.0.1:5672/%2F");
        try (Connection connection = factory.newConnection("tradecoord-test-cleanup"); Channel channel = connection.createChannel()) {
            for (String queue : names()) {
                if (!keep.contains(queue)) {
                    channel.queueDelete(queue);
                }
            }
        }
    }
}
