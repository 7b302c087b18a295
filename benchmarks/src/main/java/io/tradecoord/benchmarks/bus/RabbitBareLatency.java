package io.tradecoord.benchmarks.bus;

import static io.tradecoord.benchmarks.Rounds.check;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Diagnostic for case 4 on RabbitMQ (--diag): the same steady rate through bare amqp-client, no database, so the
 * bus's RabbitMQ latency can be read against what the broker itself takes here. One confirm-mode channel publishes
 * (persistent, mandatory) one message per {@code 1/rate} to a topic exchange with 4 quorum queues bound as the
 * transport binds a subscriber's (routed by hash(key) mod 4); one consumer per queue on its own channel
 * (prefetch 50, manual ack after noting the receive time), as the transport's PartitionConsumer consumes. Also
 * notes the publish → confirm time, to tell a broker that confirms late from a consumer that receives late.
 */
final class RabbitBareLatency {

    final Histogram latency = new Histogram(3);
    final Histogram toConfirm = new Histogram(3);
    long timedEvents;

    private final BenchEnv env;
    private volatile long timedFrom = Long.MAX_VALUE;

    RabbitBareLatency(BenchEnv env) {
        this.env = env;
    }

    void run() throws Exception {
        String exchange = env.prefix + ".bare-latency";
        String topic = "latency";
        env.rabbit(ch -> {
            ch.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true);
            return null;
        });
        env.cleanups.add(() -> env.deleteExchange(exchange));
        List<String> queues = env.declarePartitionQueues(exchange, exchange + ".dead", env.prefix + "-barelat", topic);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(env.options.rabbitmq);
        Set<Long> received = ConcurrentHashMap.newKeySet();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Histogram current = new Histogram(3);
        Histogram confirms = new Histogram(3);
        ConcurrentHashMap<Long, Long> outstanding = new ConcurrentHashMap<>();
        try (Connection consuming = factory.newConnection("bench-bus bare latency consumer");
             Connection publishing = factory.newConnection("bench-bus bare latency publisher")) {
            for (String queue : queues) {
                Channel channel = consuming.createChannel();
                channel.basicQos(50);
                channel.basicConsume(queue, false, new DefaultConsumer(channel) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                            throws IOException {
                        long now = System.nanoTime();
                        String json = new String(body, StandardCharsets.UTF_8);
                        long seq = TimedTransport.number(json, "\"seq\":");
                        long fired = TimedTransport.number(json, "\"firedNanos\":");
                        if (!received.add(seq)) {
                            failure.compareAndSet(null, new IllegalStateException("message " + seq + " received twice"));
                        }
                        synchronized (current) {
                            if (seq >= timedFrom) {
                                current.recordValue(Math.max(0, now - fired));
                            }
                        }
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                    }
                });
            }
            Channel channel = publishing.createChannel();
            channel.confirmSelect();
            channel.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    long now = System.nanoTime();
                    outstanding.entrySet().removeIf(e -> {
                        if (e.getKey() == tag || (multiple && e.getKey() < tag)) {
                            if (e.getValue() > 0) {
                                synchronized (confirms) {
                                    confirms.recordValue(Math.max(0, now - e.getValue()));
                                }
                            }
                            return true;
                        }
                        return false;
                    });
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    failure.compareAndSet(null, new IllegalStateException("basic.nack " + tag));
                }
            });
            channel.addReturnListener(r -> failure.compareAndSet(null, new IllegalStateException("returned: " + r.getReplyText())));
            int rate = env.options.latencyRate;
            int warm = (int) Math.round(rate * env.options.latencyWarmupSeconds);
            int timed = (int) Math.round(rate * env.options.latencySeconds);
            long seq = send(channel, exchange, topic, 0, warm, outstanding, false);
            await(received, seq, failure);
            synchronized (current) {
                timedFrom = seq;
            }
            seq = send(channel, exchange, topic, seq, timed, outstanding, true);
            await(received, seq, failure);
            check(received.size() == seq, "bare RabbitMQ latency: " + received.size() + " of " + seq + " received");
            if (failure.get() != null) {
                throw new BenchmarkFailure("bare RabbitMQ latency: " + failure.get(), failure.get());
            }
        }
        synchronized (current) {
            latency.add(current);
        }
        synchronized (confirms) {
            toConfirm.add(confirms);
        }
        timedEvents = latency.getTotalCount();
        System.err.printf("  d  %-56s p50 %.2f ms, p99 %.2f ms (publish → confirm p50 %.2f, p99 %.2f ms)%n",
                "bare RabbitMQ", latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                toConfirm.getValueAtPercentile(50) / 1e6, toConfirm.getValueAtPercentile(99) / 1e6);
    }

    private long send(Channel channel, String exchange, String topic, long seq, int count,
            ConcurrentHashMap<Long, Long> outstanding, boolean timed) throws IOException {
        long period = TimeUnit.SECONDS.toNanos(1) / env.options.latencyRate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            long s = seq + i;
            long fired = System.nanoTime();
            io.tradecoord.coordination.bus.Envelope e = BenchEnv.envelope(topic, "bare", s, fired);
            AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder().messageId(e.messageId())
                    .contentType("application/json").deliveryMode(2).build();
            outstanding.put(channel.getNextPublishSeqNo(), timed ? fired : 0L);
            channel.basicPublish(exchange, topic + ".p" + Math.floorMod(e.key().hashCode(), env.rabbitSettings.partitions()),
                    true, properties, e.payload().getBytes(StandardCharsets.UTF_8));
        }
        return seq + count;
    }

    private static void await(Set<Long> received, long total, AtomicReference<Throwable> failure) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (received.size() < total) {
            if (failure.get() != null) {
                throw new BenchmarkFailure("bare RabbitMQ latency: " + failure.get(), failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new BenchmarkFailure("bare RabbitMQ latency: only " + received.size() + " of " + total + " arrived in 90 s");
            }
            Thread.sleep(5);
        }
    }
}
