package io.tradecoord.coordination.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.bus.core.DeferredTransport;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqSettings;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTestTopology;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.smoke.ServiceControl;
import io.tradecoord.coordination.smoke.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The RabbitMQ bus against the real RabbitMQ; "away" is the broker application stopped (rabbitmqctl stop_app). */
class RabbitMqBusConformanceIT extends BusConformanceSuite {

    @Override
    protected BusTransport newTransport() {
        RabbitMqSettings defaults = RabbitMqSettings.defaults();
        return new RabbitMqTransport(new RabbitMqSettings(RabbitMqSettings.parseUri(TestServices.RABBITMQ_URI),
                "conformance.events", defaults.partitions(), defaults.prefetch(), defaults.queueType(), 5_000));
    }

    @Override
    protected void removeTopology(String module, String topic) throws Exception {
        RabbitMqTestTopology.deleteModuleQueues(TestServices.RABBITMQ_URI, module, topic, RabbitMqSettings.defaults().partitions());
    }

    @Test
    void modulesJoinWhileRabbitMqIsDownAndCatchUpWhenItReturns() throws Exception {
        bus.close();
        ServiceControl.rabbitmq(false);
        try {
            BusTransport deferred = DeferredTransport.connect("rabbitmq", this::newTransport, Duration.ofMillis(500));
            assertFalse(deferred instanceof DeferredTransport started && started.isConnected(), "RabbitMQ is down");
            bus = new EventBus(deferred, SETTINGS);
            bus.join(consumer); // a deployment that does not fail
            bus.join(producer);
            publish(true, events("while down", 0, 20));
            Thread.sleep(1_500);
            assertEquals(20, unsent(producer), "the events wait in the outbox");
        } finally {
            ServiceControl.rabbitmq(true);
        }
        awaitReceived(20);
        awaitTrue(() -> unsent(producer) == 0, "the outbox is drained");
        publish(true, events("once up", 20, 25));
        awaitReceived(25);
        Thread.sleep(300);
        assertExactlyInOrder(25, received());
    }

    @Test
    void messagesRabbitMqDeadLettersOnItsOwnReachTheModulesTableAndCanBeReplayed() throws Exception {
        String policy = "tradecoord-test-" + consumer.module();
        // RabbitMQ dead-letters a message of this run's queues once it was redelivered (4.x does so after 20 by default)
        rabbitmqctl("set_policy", "--apply-to", "queues", "--priority", "100", policy,
                "^" + consumer.module().replace(".", "\\.") + "\\..*\\.p[0-9]+$", "{\"delivery-limit\":1}");
        String deadLetterQueue = consumer.module() + ".dead-letters";
        try {
            consumer.databaseDown.set(true); // the consumer cannot apply nor record anything: redelivered until the limit
            publish(true, new ConformanceEvent("b", 1, "broker dead letter", false));
            awaitTrue(() -> messagesIn(deadLetterQueue) == 1, "RabbitMQ dead-lettered the message");
            consumer.databaseDown.set(false);
            awaitTrue(() -> !bus.deadLetters(consumer.module(), 10, true).isEmpty(), "the broker's dead letter is in the module's table");
        } finally {
            consumer.databaseDown.set(false);
            rabbitmqctl("clear_policy", policy);
        }
        DeadLetter letter = bus.deadLetters(consumer.module(), 10, true).get(0);
        assertTrue(letter.error().contains("RabbitMQ dead-lettered it from queue " + consumer.module()), letter.error());
        assertEquals("b", letter.envelope().key());
        awaitTrue(() -> messagesIn(deadLetterQueue) == 0, "acknowledged once stored");
        assertTrue(bus.replay(consumer.module(), letter.id()));
        assertEquals(List.of("broker dead letter"), received().stream().map(Received::note).toList());
    }

    private static String rabbitmqctl(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("rabbitmqctl", "-q"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command + " failed: " + output);
        }
        return output;
    }

    /** Ready and unacknowledged messages of a queue, 0 if it does not exist. */
    private static long messagesIn(String queue) throws Exception {
        for (String line : rabbitmqctl("list_queues", "name", "messages").split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length == 2 && fields[0].equals(queue)) {
                return Long.parseLong(fields[1]);
            }
        }
        return 0;
    }

    @Override
    protected void breakBroker() throws Exception {
        ServiceControl.rabbitmq(false);
    }

    @Override
    protected void repairBroker() throws Exception {
        ServiceControl.rabbitmq(true);
    }
}
