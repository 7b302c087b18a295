package io.tradecoord.coordination.lock.redis;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * One thread per provider subscribed to the release channel; each message names a released key. If the
 * subscription breaks (Redis restarted), it subscribes again after a short pause; meanwhile waiters fall back
 * to their bounded re-check, so a missed message costs latency, never correctness.
 */
final class ReleaseSubscriber {

    private static final System.Logger LOG = System.getLogger(ReleaseSubscriber.class.getName());

    private final UnifiedJedis redis;
    private final String channel;
    private final Consumer<String> onRelease;
    private final String serverForDisplay;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile JedisPubSub current;

    ReleaseSubscriber(UnifiedJedis redis, String channel, Consumer<String> onRelease, String serverForDisplay) {
        this.redis = redis;
        this.channel = channel;
        this.onRelease = onRelease;
        this.serverForDisplay = serverForDisplay;
        this.thread = new Thread(this::run, "coordination-lock-redis-subscriber");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        JedisPubSub pubSub = current;
        if (pubSub != null && pubSub.isSubscribed()) {
            try {
                pubSub.unsubscribe();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "unsubscribe failed", e);
            }
        }
        thread.interrupt();
    }

    private void run() {
        while (running) {
            JedisPubSub pubSub = new JedisPubSub() {
                @Override
                public void onMessage(String ignoredChannel, String key) {
                    onRelease.accept(key);
                }
            };
            current = pubSub;
            try {
                redis.subscribe(pubSub, channel); // blocks until unsubscribed or the connection breaks
            } catch (RuntimeException e) {
                if (running) {
                    LOG.log(Level.WARNING, "lock release subscription to Redis at " + serverForDisplay
                            + " broke, subscribing again in 500 ms: " + e.getMessage());
                }
            }
            if (running) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
