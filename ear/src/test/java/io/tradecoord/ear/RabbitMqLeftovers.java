package io.tradecoord.ear;

import java.util.Set;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Removes the queues that a Failsafe execution on the RabbitMQ bus made (the modules' durable subscriptions outlive
 * their deployment by design), once its tests are done and the server is stopped: RabbitMQ is shared with every later
 * test and with CI. Only in executions whose server runs the RabbitMQ bus ({@code COORDINATION_BUS_BACKEND=rabbitmq});
 * tests that switch to it themselves remove their own.
 */
public final class RabbitMqLeftovers implements LauncherSessionListener {

    private Set<String> before;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if ("rabbitmq".equals(System.getenv("COORDINATION_BUS_BACKEND"))) {
            before = RabbitMqQueues.names();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (before == null) {
            return;
        }
        try {
            RabbitMqQueues.deleteAllBut(before);
        } catch (Exception e) {
            // the tests' outcome stands; the queues are only left behind, as they were before this listener
            System.err.println("RabbitMqLeftovers: could not remove this run's queues: " + e);
        }
    }
}
