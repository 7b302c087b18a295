package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Removes the queues a test module declared: every test run names its modules anew, and quorum queues left behind
 * pile up on the shared broker run after run (each one a Raft member that the node keeps alive).
 */
public final class RabbitMqTestTopology {

    private RabbitMqTestTopology() {
    }

    /** Deletes the module's partition queues of the topic and its dead-letter queue; a missing queue is no error. */
    public static void deleteModuleQueues(String uri, String module, String topic, int partitions) throws Exception {
        var factory = new ConnectionFactory();
        factory.setUri(uri);
        factory.setConnectionTimeout(5_000);
        try (Connection connection = factory.newConnection("test-topology-cleanup")) {
            for (int partition = 0; partition < partitions; partition++) {
                delete(connection, Topology.queue(module, topic, partition));
            }
            delete(connection, Topology.deadLetterQueue(module));
        }
    }

    private static void delete(Connection connection, String queue) throws Exception {
        // a channel per delete: deleting a queue that does not exist closes the channel on some versions
        try (Channel channel = connection.createChannel()) {
            channel.queueDelete(queue);
        }
    }
}
