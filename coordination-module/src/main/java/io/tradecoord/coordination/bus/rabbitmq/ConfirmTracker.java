package io.tradecoord.coordination.bus.rabbitmq;

import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ReturnCallback;
import io.tradecoord.coordination.bus.spi.BusTransportException;
import io.tradecoord.coordination.bus.spi.EventRefusedException;
import io.tradecoord.coordination.bus.spi.UnroutableException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * The unconfirmed publishes of ONE channel in confirm mode, by publish sequence number, each with the future its
 * caller holds.
 * <ul>
 * <li>{@code basic.ack} (possibly {@code multiple}) completes them, unless a {@code basic.return} came first: a
 * mandatory message that no queue took is still acked, and the return always precedes that ack on the channel,
 * so it is remembered on the entry and turns the ack into a failure.</li>
 * <li>{@code basic.nack} fails them; so does the channel's shutdown ({@link #failAll}) and the confirm timeout
 * ({@link #expire}).</li>
 * </ul>
 * Futures are completed on {@code completions}, never on the connection's I/O thread: whatever the caller chained
 * on them (the relay deletes the outbox row) must not stall the reading of acks and heartbeats.
 */
final class ConfirmTracker implements ConfirmListener, ReturnCallback {

    private final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Executor completions;
    private final String server;

    ConfirmTracker(Executor completions, String server) {
        this.completions = completions;
        this.server = server;
    }

    /** One unconfirmed publish. */
    static final class Pending {
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final String messageId;
        final String description;
        final long deadlineNanos;
        /** Set by a {@code basic.return} on the I/O thread, read by the ack that follows on the same thread. */
        String returned;

        Pending(String messageId, String description, long deadlineNanos) {
            this.messageId = messageId;
            this.description = description;
            this.deadlineNanos = deadlineNanos;
        }
    }

    void register(long sequenceNumber, Pending entry) {
        pending.put(sequenceNumber, entry);
    }

    /** The publish itself failed: the caller fails the future. */
    void forget(long sequenceNumber) {
        pending.remove(sequenceNumber);
    }

    int outstanding() {
        return pending.size();
    }

    @Override
    public void handle(Return returned) {
        String messageId = returned.getProperties().getMessageId();
        // returns arrive in publish order, so the oldest unreturned entry with this id is the one
        for (Pending entry : pending.values()) {
            if (entry.returned == null && entry.messageId.equals(messageId)) {
                entry.returned = returned.getReplyCode() + " " + returned.getReplyText() + ", exchange '"
                        + returned.getExchange() + "', routing key '" + returned.getRoutingKey() + "'";
                return;
            }
        }
    }

    @Override
    public void handleAck(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, entry -> entry.returned == null ? null
                : new UnroutableException("RabbitMQ at " + server + " could not route " + entry.description
                        + ": unroutable (" + entry.returned + "); no queue is bound for it. Is a module subscribed to"
                        + " this topic, and do all instances use the same " + RabbitMqSettings.PARTITIONS_KEY + "?"));
    }

    @Override
    public void handleNack(long deliveryTag, boolean multiple) {
        settle(deliveryTag, multiple, entry -> new EventRefusedException("RabbitMQ at " + server + " refused "
                + entry.description + " (basic.nack: the broker could not store it)", null));
    }

    /** The channel closed: nothing outstanding will be confirmed any more. */
    void failAll(Function<Pending, RuntimeException> failure) {
        Map.Entry<Long, Pending> first;
        while ((first = pending.pollFirstEntry()) != null) {
            fail(first.getValue(), failure.apply(first.getValue()));
        }
    }

    /** Fails the entries whose confirm is overdue. */
    void expire(long nowNanos, long timeoutMillis) {
        // a full scan, not just the head: sequence numbers restart after a connection recovery
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext();) {
            Pending entry = it.next();
            if (nowNanos - entry.deadlineNanos >= 0) {
                it.remove();
                fail(entry, new BusTransportException("RabbitMQ at " + server + " did not confirm " + entry.description
                        + " within " + timeoutMillis + " ms (" + RabbitMqSettings.CONFIRM_TIMEOUT_KEY + ")", null));
            }
        }
    }

    private void settle(long deliveryTag, boolean multiple, Function<Pending, RuntimeException> outcome) {
        if (!multiple) {
            Pending entry = pending.remove(deliveryTag);
            if (entry != null) {
                finish(entry, outcome.apply(entry));
            }
            return;
        }
        Map.Entry<Long, Pending> first;
        while ((first = pending.firstEntry()) != null && first.getKey() <= deliveryTag) {
            if (pending.remove(first.getKey(), first.getValue())) {
                finish(first.getValue(), outcome.apply(first.getValue()));
            }
        }
    }

    private void finish(Pending entry, RuntimeException failure) {
        if (failure == null) {
            complete(entry, () -> entry.future.complete(null));
        } else {
            fail(entry, failure);
        }
    }

    private void fail(Pending entry, RuntimeException failure) {
        complete(entry, () -> entry.future.completeExceptionally(failure));
    }

    private void complete(Pending entry, Runnable completion) {
        try {
            completions.execute(completion);
        } catch (RejectedExecutionException e) {
            completion.run(); // the transport is closing: complete here rather than never
        }
    }
}
