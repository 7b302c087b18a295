package io.tradecoord.ear;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The queues on the shared RabbitMQ, so that a test removes those it made (rabbitmqctl, as an operator would). */
public final class RabbitMqQueues {

    private RabbitMqQueues() {
    }

    public static Set<String> names() {
        ServerAdmin.Outcome listed = ServerAdmin.run(List.of("rabbitmqctl", "-q", "list_queues", "name"));
        if (!listed.succeeded()) {
            throw new IllegalStateException("rabbitmqctl list_queues failed: " + listed.output());
        }
        // -q still prints the column header
        return listed.output().lines().map(String::strip).filter(name -> !name.isEmpty() && !name.equals("name"))
                .collect(Collectors.toSet());
    }

    /** Deletes every queue not in {@code keep}. */
    public static void deleteAllBut(Set<String> keep) {
        for (String queue : names()) {
            if (!keep.contains(queue)) {
                ServerAdmin.Outcome deleted = ServerAdmin.run(List.of("rabbitmqctl", "-q", "delete_queue", queue));
                if (!deleted.succeeded()) {
                    throw new IllegalStateException("rabbitmqctl delete_queue " + queue + " failed: " + deleted.output());
                }
            }
        }
    }
}
