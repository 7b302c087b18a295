package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Consumes ONE partition queue on its own channel with manual acks. The handler runs on the thread amqp-client
 * dispatches the delivery on: the client hands a channel's deliveries to one thread at a time, in order, so the
 * queue's messages are handled one after another, never in parallel.
 * <ul>
 * <li>handler returns: {@code basic.ack}.</li>
 * <li>handler throws: after a pause the channel is closed, and the broker requeues the failed message AND the ones
 * prefetched after it, in their order, then a new channel consumes again. A plain {@code basic.nack(requeue)} of
 * the failed message alone would let the prefetched later messages (same keys) overtake it.</li>
 * <li>connection lost: auto-recovery reopens the channel and the consumer; unacked messages were requeued by the
 * broker and come again with {@code redelivered} set.</li>
 * </ul>
 */
final class PartitionConsumer {

    private static final System.Logger LOG = System.getLogger(PartitionConsumer.class.getName());

    /** How long a failed partition waits before its messages are delivered again. */
    static final long RETRY_PAUSE_MILLIS = 1_000;
    /** The longest pause between attempts to consume again when they keep failing (e.g. the queue is gone). */
    static final long MAX_RETRY_PAUSE_MILLIS = 30_000;

    private final Connection connection;
    private final String queue;
    private final int prefetch;
    private final DeliveryHandler handler;
    private final ScheduledExecutorService scheduler;
    /** Held while the handler runs and its ack is sent, so that closing can wait for the message in hand. */
    private final ReentrantLock handling = new ReentrantLock();
    private volatile QueueConsumer current;
    private volatile boolean closed;
    private int failedRestarts; // only touched by restarts, which run one at a time on the scheduler

    /** Reads a message into a delivery; null: acknowledge it without handing it over. */
    @FunctionalInterface
    interface Reader {
        Delivery read(AMQP.BasicProperties properties, byte[] body, boolean redelivered);
    }

    private final Reader reader;

    PartitionConsumer(Connection connection, String queue, int prefetch, DeliveryHandler handler, ScheduledExecutorService scheduler) {
        this(connection, queue, prefetch, AmqpEnvelopes::read, handler, scheduler);
    }

    PartitionConsumer(Connection connection, String queue, int prefetch, Reader reader, DeliveryHandler handler,
            ScheduledExecutorService scheduler) {
        this.reader = reader;
        this.connection = connection;
        this.queue = queue;
        this.prefetch = prefetch;
        this.handler = handler;
        this.scheduler = scheduler;
    }

    void start() throws IOException {
        Channel channel = connection.createChannel();
        try {
            channel.basicQos(prefetch);
            var consumer = new QueueConsumer(channel);
            channel.basicConsume(queue, false, consumer);
            current = consumer;
        } catch (IOException | RuntimeException e) {
            abort(channel);
            throw e;
        }
    }

    /** Stops new deliveries; the message being handled (if any) finishes and is acked. */
    void cancel() {
        closed = true;
        QueueConsumer consumer = current;
        if (consumer != null && consumer.getConsumerTag() != null && consumer.getChannel().isOpen()) {
            try {
                consumer.getChannel().basicCancel(consumer.getConsumerTag());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "cancelling the consumer of " + queue + " failed", e);
            }
        }
    }

    /** Waits up to {@code millis} for the handler to finish the message in hand. */
    void awaitIdle(long millis) {
        try {
            if (handling.tryLock(millis, TimeUnit.MILLISECONDS)) {
                handling.unlock();
            } else {
                LOG.log(Level.WARNING, "the handler of " + queue + " did not finish within " + millis
                        + " ms; its message will be delivered again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void close() {
        closed = true;
        QueueConsumer consumer = current;
        if (consumer != null) {
            abort(consumer.getChannel());
        }
    }

    String queue() {
        return queue;
    }

    /** Replaces the channel and consumer soon; for a consumer that stopped receiving for a reason of its own. */
    void restartSoon(String reason) {
        QueueConsumer consumer = current;
        if (closed || consumer == null || consumer.abandoned) {
            return;
        }
        consumer.abandoned = true;
        LOG.log(Level.WARNING, "consuming " + queue + " again in " + RETRY_PAUSE_MILLIS + " ms: " + reason);
        scheduleRestart(consumer, RETRY_PAUSE_MILLIS);
    }

    private void handle(QueueConsumer consumer, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        handling.lock();
        try {
            if (closed || consumer.abandoned) {
                return; // not acked: the broker requeues it when this channel closes
            }
            Delivery delivery = reader.read(properties, body, envelope.isRedeliver());
            try {
                if (delivery != null) {
                    handler.handle(delivery);
                }
            } catch (Throwable e) {
                // Throwable, not Exception: anything escaping to amqp-client would make it close the channel,
                // and a channel closed by the client is not recovered (the partition would stop for good)
                consumer.abandoned = true;
                LOG.log(Level.WARNING, "handling a message of " + queue + " failed; it and the messages after it are"
                        + " delivered again in " + RETRY_PAUSE_MILLIS + " ms", e);
                scheduleRestart(consumer, RETRY_PAUSE_MILLIS);
                return;
            }
            try {
                consumer.getChannel().basicAck(envelope.getDeliveryTag(), false);
            } catch (IOException | AlreadyClosedException e) {
                // the channel broke after the handler finished: the broker delivers the message again, and the
                // core's inbox recognises the duplicate
                LOG.log(Level.DEBUG, "acknowledging a message of " + queue + " failed; it will be redelivered", e);
            }
        } finally {
            handling.unlock();
        }
    }

    private void scheduleRestart(QueueConsumer abandoned, long pauseMillis) {
        try {
            scheduler.schedule(() -> restart(abandoned), pauseMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "transport closing; not restarting " + queue);
        }
    }

    /** Replaces a channel that stopped being useful; retried after a pause until it works or we are closed. */
    private void restart(QueueConsumer abandoned) {
        if (closed || current != abandoned) {
            return;
        }
        abandoned.abandoned = true;
        abort(abandoned.getChannel()); // requeues everything it had unacked, in order
        try {
            start();
            failedRestarts = 0;
            LOG.log(Level.INFO, "consuming " + queue + " again");
        } catch (IOException | RuntimeException e) {
            long pause = Math.min(MAX_RETRY_PAUSE_MILLIS, RETRY_PAUSE_MILLIS << Math.min(failedRestarts++, 5));
            LOG.log(Level.WARNING, "consuming " + queue + " again failed (" + RabbitMqTransport.describe(e)
                    + "); retrying in " + pause + " ms");
            scheduleRestart(abandoned, pause);
        }
    }

    private static void abort(Channel channel) {
        try {
            channel.abort(); // also removes it and its consumer from auto-recovery
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.DEBUG, "aborting a channel failed", e);
        }
    }

    /** The consumer of one channel; a new channel gets a new one. */
    private final class QueueConsumer extends DefaultConsumer {

        volatile boolean abandoned;

        QueueConsumer(Channel channel) {
            super(channel);
        }

        @Override
        public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            handle(this, envelope, properties, body);
        }

        @Override
        public void handleCancel(String consumerTag) {
            // the broker cancelled us (e.g. the queue was deleted): consume again until it is back
            if (current == this) {
                restartSoon("RabbitMQ cancelled the consumer");
            }
        }

        @Override
        public void handleShutdownSignal(String consumerTag, ShutdownSignalException cause) {
            // a broken connection is auto-recovered with this channel; a channel the BROKER closed for an error
            // (e.g. an ack it did not expect) is not, so it is replaced here
            if (current == this && !cause.isHardError() && !cause.isInitiatedByApplication()) {
                restartSoon("RabbitMQ closed the channel: " + cause.getMessage());
            }
        }
    }
}
