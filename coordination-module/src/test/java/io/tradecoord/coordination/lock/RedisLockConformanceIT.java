package io.tradecoord.coordination.lock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.smoke.TestServices;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** The Redis backend against the real Redis of scripts/services.sh. */
class RedisLockConformanceIT extends LockConformanceSuite {

    static RedisSettings settings() {
        return new RedisSettings(URI.create(TestServices.REDIS_URI), 2_000, 8, 100, "coordination-test:");
    }

    @Override
    protected LockProvider newProvider() {
        return new RedisLockProvider(settings());
    }

    /**
     * What a restart of a Redis that keeps nothing on disk (or a failover to a replica that missed the write)
     * does: the holder's connections die and its lock key is gone. The watchdog's next renewal must notice.
     */
    @Override
    protected void provokeLoss(LockManager holder, CountingProvider holderProvider, LockHandle handle) {
        RedisLockProvider redisProvider = (RedisLockProvider) holderProvider.delegate;
        try (Jedis admin = adminConnection()) {
            killLockClientConnections(admin);
            assertTrue(admin.del(redisProvider.lockKey(handle.key())) == 1L, "the lock key existed");
        }
    }

    /** What a Redis that keeps nothing on disk does to the counter when it restarts. */
    @Override
    protected void forgetFencingCounter(String key) {
        try (Jedis admin = adminConnection()) {
            assertTrue(admin.del(((RedisLockProvider) provider.delegate).fenceKey(key)) == 1L, "the fencing counter existed");
        }
    }

    private static Jedis adminConnection() {
        return new Jedis(URI.create(TestServices.REDIS_URI));
    }

    /** CLIENT KILL of every connection the lock providers opened (they name themselves tradecoord-locks). */
    private static void killLockClientConnections(Jedis admin) {
        int killed = 0;
        for (String line : admin.clientList().split("\n")) {
            if (line.contains("name=tradecoord-locks ")) {
                String id = line.replaceAll(".*\\bid=(\\d+).*", "$1");
                killed += (int) admin.clientKill(ClientKillParams.clientKillParams().id(id));
            }
        }
        assertTrue(killed > 0, "no lock client connection found to kill");
    }

    @Test
    void killedConnectionsAloneDoNotLoseTheLock() throws Exception {
        String key = uniqueKey("reconnect");
        LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.renewing(Duration.ofMillis(600)));
        try (Jedis admin = adminConnection()) {
            killLockClientConnections(admin);
        }
        Thread.sleep(1_500); // several renewals, over fresh connections
        assertTrue(handle.isHeld(), "the key is still there: renewal reconnects and keeps it");
        assertTrue(onOtherThread(() -> node2.tryAcquire(key)).isEmpty());
        handle.release();
        assertTrue(onOtherThread(() -> node2.tryAcquire(key).map(h -> { h.release(); return true; })).orElse(false));
    }
}
