package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.EnvelopeHeaders;
import io.tradecoord.coordination.bus.spi.Subscription;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;

/**
 * Consumes a module's dead-letter queue {@code <module>.dead-letters} for the messages RabbitMQ dead-lettered on its
 * own (a quorum queue's delivery limit, which RabbitMQ 4 counts for every requeue, a TTL or a length limit set by a
 * policy): they carry an {@code x-death} header and no {@link EnvelopeHeaders#ERROR}. Each is handed over with why
 * the broker gave up on it and acknowledged once the handler stored it. The copies the core put there itself are
 * acknowledged and skipped: they are in the module's table already. One message at a time, on its own connection.
 */
final class BrokerDeadLetters implements Subscription {

    private static final System.Logger LOG = System.getLogger(BrokerDeadLetters.class.getName());

    private final Connection connection;
    private final PartitionConsumer consumer;

    private BrokerDeadLetters(Connection connection, PartitionConsumer consumer) {
        this.connection = connection;
        this.consumer = consumer;
    }

    static BrokerDeadLetters start(ConnectionFactory factory, RabbitMqSettings settings, Topology topology, String module,
            DeliveryHandler handler, ScheduledExecutorService scheduler) {
        Connection connection;
        try {
            connection = factory.newConnection("tradecoord " + module + " <- broker dead letters");
        } catch (IOException | TimeoutException e) {
            throw RabbitMqTransport.unreachable(settings, e);
        }
        try {
            Channel topologyChannel = connection.createChannel(); // left open: auto-recovery re-declares on it
            topology.declareExchanges(topologyChannel);
            topology.declareDeadLetterQueue(topologyChannel, module);
            var consumer = new PartitionConsumer(connection, Topology.deadLetterQueue(module), 1, BrokerDeadLetters::read,
                    handler, scheduler);
            consumer.start();
            return new BrokerDeadLetters(connection, consumer);
        } catch (IOException | RuntimeException e) {
            connection.abort();
            throw new BusTransportException("RabbitMQ at " + settings.uriForDisplay() + " refused the dead-letter queue of "
                    + module + ": " + RabbitMqTransport.describe(e), e);
        }
    }

    /** A message the broker dead-lettered, with why; null for the core's own copies. */
    static Delivery read(AMQP.BasicProperties properties, byte[] body, boolean redelivered) {
        Map<String, Object> headers = properties.getHeaders();
        if (headers != null && headers.containsKey(EnvelopeHeaders.ERROR)) {
            return null;
        }
        return AmqpEnvelopes.read(properties, body, redelivered).deadLetteredByTheBroker(why(headers));
    }

    /** From the newest {@code x-death} entry: the queue, the reason and how often. */
    static String why(Map<String, Object> headers) {
        Object deaths = headers == null ? null : headers.get("x-death");
        if (deaths instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> death) {
            return "RabbitMQ dead-lettered it from queue " + AmqpEnvelopes.text(death.get("queue")) + " (reason "
                    + AmqpEnvelopes.text(death.get("reason")) + ", " + death.get("count") + " time(s)); a quorum queue's"
                    + " delivery limit counts every redelivery";
        }
        return "RabbitMQ dead-lettered it (no x-death header)";
    }

    @Override
    public void close() {
        consumer.cancel();
        consumer.awaitIdle(5_000);
        consumer.close();
        try {
            connection.close(5_000);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "closing the dead-letter connection failed", e);
            connection.abort();
        }
    }
}
