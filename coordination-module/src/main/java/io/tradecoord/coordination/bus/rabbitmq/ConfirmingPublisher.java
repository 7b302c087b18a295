package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoverableConnection;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Publishes with {@code mandatory} set on ONE channel in confirm mode, shared by all threads under a lock:
 * a channel must not be used by two threads at once, and one channel keeps the calls of each thread in order
 * (the broker confirms and routes a channel's messages in the order they were sent). The lock is held only to
 * hand the frames to the socket, never while waiting for a confirm; ~10k confirmed messages/s were measured on
 * one such channel here, far above what an outbox relay needs.
 * <p>
 * While the connection is down (auto-recovery is retrying) a publish fails at once: its future fails with a
 * {@link BusTransportException} and the relay keeps the event for later.
 */
final class ConfirmingPublisher implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ConfirmingPublisher.class.getName());

    private final Connection connection;
    private final String server;
    private final long confirmTimeoutMillis;
    private final Executor completions;
    private final ReentrantLock lock = new ReentrantLock();
    private Channel channel; // guarded by lock
    private volatile ConfirmTracker tracker; // belongs to channel; replaced with it
    private volatile String blockedReason;
    private volatile boolean closed;

    ConfirmingPublisher(Connection connection, String server, long confirmTimeoutMillis, Executor completions) throws IOException {
        this.connection = connection;
        this.server = server;
        this.confirmTimeoutMillis = confirmTimeoutMillis;
        this.completions = completions;
        // a broker short of memory or disk stops reading from publishers; fail fast instead of blocking callers
        connection.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blockedReason = reason;
                LOG.log(Level.WARNING, "RabbitMQ at " + server + " blocks publishers: " + reason);
            }

            @Override
            public void handleUnblocked() {
                blockedReason = null;
                LOG.log(Level.INFO, "RabbitMQ at " + server + " accepts publishers again");
            }
        });
        if (connection instanceof RecoverableConnection recoverable) {
            recoverable.addRecoveryListener(new RecoveryListener() {
                @Override
                public void handleRecovery(Recoverable recovered) {
                    blockedReason = null; // a new connection starts unblocked
                }

                @Override
                public void handleRecoveryStarted(Recoverable recovering) {
                }
            });
        }
        lock.lock();
        try {
            openChannel();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends one message; the future completes when the broker confirmed it, and fails if it was unroutable,
     * refused, not confirmed in time or the connection broke before the confirm.
     */
    CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body,
            String description) {
        long deadline = System.nanoTime() + confirmTimeoutMillis * 1_000_000;
        var entry = new ConfirmTracker.Pending(properties.getMessageId(), description, deadline);
        try {
            // bounded: a thread stuck writing to a dead socket (until the heartbeat notices) must not hang the others
            if (!lock.tryLock(confirmTimeoutMillis, TimeUnit.MILLISECONDS)) {
                return failed(new BusTransportException("RabbitMQ at " + server + " did not take " + description + " within "
                        + confirmTimeoutMillis + " ms (" + RabbitMqSettings.CONFIRM_TIMEOUT_KEY + "): the publishing channel is busy", null));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(new BusTransportException("interrupted before " + description + " was sent", e));
        }
        try {
            if (closed) {
                return failed(new BusTransportException("the RabbitMQ transport is closed; " + description + " was not sent", null));
            }
            if (blockedReason != null) {
                return failed(new BusTransportException("RabbitMQ at " + server + " blocks publishers (" + blockedReason
                        + "); " + description + " was not sent", null));
            }
            if (!usableChannel()) {
                return failed(unreachable(connection.getCloseReason()));
            }
            ConfirmTracker confirms = tracker;
            long sequenceNumber = channel.getNextPublishSeqNo();
            confirms.register(sequenceNumber, entry);
            try {
                channel.basicPublish(exchange, routingKey, true, properties, body);
            } catch (IOException | AlreadyClosedException e) {
                confirms.forget(sequenceNumber);
                return failed(unreachable(e));
            }
        } finally {
            lock.unlock();
        }
        return entry.future;
    }

    /** Called periodically: fails publishes whose confirm is overdue. */
    void expireOverdue() {
        ConfirmTracker confirms = tracker;
        if (confirms != null) {
            confirms.expire(System.nanoTime(), confirmTimeoutMillis);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | TimeoutException | RuntimeException e) {
                    LOG.log(Level.DEBUG, "closing the publishing channel failed", e);
                }
            }
            tracker.failAll(entry -> new BusTransportException("the RabbitMQ transport was closed before RabbitMQ at "
                    + server + " confirmed " + entry.description, null));
        } finally {
            lock.unlock();
        }
    }

    /**
     * The channel, reopened if the BROKER closed it for a channel-level error (e.g. an exchange deleted behind our
     * back): auto-recovery only restores channels lost with their connection.
     */
    private boolean usableChannel() {
        if (channel.isOpen()) {
            return true;
        }
        ShutdownSignalException reason = channel.getCloseReason();
        if (!connection.isOpen() || reason == null || reason.isHardError()) {
            return false; // the connection is down; auto-recovery brings this channel back
        }
        LOG.log(Level.WARNING, "RabbitMQ at " + server + " closed the publishing channel (" + reason.getMessage()
                + "); opening a new one");
        try {
            openChannel();
            return true;
        } catch (IOException | AlreadyClosedException e) {
            return false;
        }
    }

    private void openChannel() throws IOException {
        Channel opened = connection.createChannel();
        ConfirmTracker confirms = new ConfirmTracker(completions, server);
        opened.confirmSelect();
        opened.addConfirmListener(confirms);
        opened.addReturnListener(confirms);
        // runs before auto-recovery reopens the channel: nothing sent before the break will be confirmed
        opened.addShutdownListener(cause -> confirms.failAll(entry -> cause.isInitiatedByApplication()
                ? new BusTransportException("the RabbitMQ transport was closed before RabbitMQ at " + server + " confirmed "
                        + entry.description, cause)
                : new BusTransportException("the channel to RabbitMQ at " + server + " closed before it confirmed "
                        + entry.description + " (" + cause.getMessage() + "; " + RabbitMqSettings.URI_KEY + ")", cause)));
        ConfirmTracker previous = tracker;
        if (channel != null) {
            try {
                channel.abort(); // unregisters the dead channel, or auto-recovery would revive it next time
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.DEBUG, "aborting the old publishing channel failed", e);
            }
        }
        channel = opened;
        tracker = confirms;
        if (previous != null) {
            previous.failAll(entry -> new BusTransportException("RabbitMQ at " + server + " closed the channel before it confirmed "
                    + entry.description, null));
        }
    }

    private BusTransportException unreachable(Throwable cause) {
        String detail = cause == null ? "connection closed" : cause.getMessage();
        return new BusTransportException("RabbitMQ at " + server + " is not reachable (set " + RabbitMqSettings.URI_KEY
                + "): " + detail, cause);
    }

    private static CompletableFuture<Void> failed(BusTransportException failure) {
        return CompletableFuture.failedFuture(failure);
    }
}
