package io.tradecoord.coordination.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.fencing.FencedRecord;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.coordination.lock.fencing.FencingDatabase;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import io.tradecoord.coordination.lock.interceptor.CommitGuard;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import io.tradecoord.coordination.smoke.ServiceControl;
import io.tradecoord.coordination.smoke.TestServices;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

/** The Redis backend against the real Redis of scripts/services.sh. */
class RedisLockConformanceIT extends LockConformanceSuite {

    static final long FENCE_RETENTION_MILLIS = 60_000;

    static RedisSettings settings() {
        return new RedisSettings(URI.create(TestServices.REDIS_URI), 2_000, 8, 100, "coordination-test:",
                RedisSettings.Topology.STANDALONE, FENCE_RETENTION_MILLIS);
    }

    /** Fencing counters never expire, by design: the ones the tests made go, so the shared Redis does not fill up. */
    @AfterAll
    static void removeTheTestsKeys() {
        try (Jedis admin = adminConnection()) {
            for (String key : admin.keys(settings().keyPrefix() + "*")) {
                admin.del(key);
            }
        }
    }

    @Override
    protected String secondJvmBackend() {
        return "redis";
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

    /**
     * A key dropped behind the holder's back (Redis restarted without persistence, a failover, an eviction) and
     * taken by another node: the holder's transaction must not commit, although its next renewal is seconds away.
     */
    /**
     * Tokens follow Redis' clock, but never fall back to it: a counter ahead of the clock (a clock stepped back, a
     * key that handed out more than one token per microsecond) grows by one per grant.
     */
    @Test
    void aFencingCounterAheadOfTheClockGrowsByOnePerGrant() throws Exception {
        String key = uniqueKey("ahead");
        String fenceKey = ((RedisLockProvider) provider.delegate).fenceKey(key);
        long ahead = 9_000_000_000_000_000L; // about 2255 in microseconds, and exact as a Lua number (< 2^53)
        try (Jedis admin = adminConnection()) {
            admin.set(fenceKey, Long.toString(ahead));
            try {
                for (long expected = ahead + 1; expected <= ahead + 3; expected++) {
                    try (LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofSeconds(5)))) {
                        assertEquals(expected, handle.fencingToken());
                    }
                    assertEquals(Long.toString(expected), admin.get(fenceKey), "the counter holds the last token");
                    long left = admin.pttl(fenceKey);
                    assertTrue(left > 0 && left <= FENCE_RETENTION_MILLIS, "a grant renews the counter's retention, PTTL " + left);
                }
            } finally {
                admin.del(fenceKey);
            }
        }
    }

    /**
     * A key's fencing counter is kept {@code coordination.redis.fence-retention-ms} after its last grant, not for
     * ever: every order locks keys of its own (its id, its reservation, its idempotency key), and counters that never
     * expire would grow Redis by three keys per order.
     */
    @Test
    void aFencingCounterIsKeptForTheRetentionAfterItsLastGrant() throws Exception {
        String key = uniqueKey("retention");
        try (LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofSeconds(5)))) {
            assertTrue(handle.fencingToken() > 0);
        }
        try (Jedis admin = adminConnection()) {
            long left = admin.pttl(((RedisLockProvider) provider.delegate).fenceKey(key));
            assertTrue(left > 0 && left <= FENCE_RETENTION_MILLIS, "the counter expires within the retention, PTTL " + left + " ms");
        }
    }

    /** A fresh counter starts at Redis' clock in microseconds, and the next grant is above it. */
    @Test
    void aNewFencingCounterStartsAtTheClock() throws Exception {
        String key = uniqueKey("clock");
        String fenceKey = ((RedisLockProvider) provider.delegate).fenceKey(key);
        try (Jedis admin = adminConnection()) {
            try {
                long before = micros(admin.time());
                long first;
                try (LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofSeconds(5)))) {
                    first = handle.fencingToken();
                }
                long after = micros(admin.time());
                assertTrue(first >= before && first <= after, "token " + first + " within [" + before + ", " + after + "]");
                try (LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofSeconds(5)))) {
                    assertTrue(handle.fencingToken() > first, handle.fencingToken() + " > " + first);
                }
            } finally {
                admin.del(fenceKey);
            }
        }
    }

    private static long micros(java.util.List<String> redisTime) {
        return Long.parseLong(redisTime.get(0)) * 1_000_000 + Long.parseLong(redisTime.get(1));
    }

    @Test
    void aKeyDroppedAtTheBackendFailsTheCommitCheckAtOnce() throws Exception {
        String key = uniqueKey("dropped");
        LockHandle first = node1.acquire(key, LONG_WAIT, Lease.renewing(Duration.ofSeconds(30)));
        RecordingTransaction transaction = new RecordingTransaction();
        CommitGuard.register(transaction, first, true);
        try (Jedis admin = adminConnection()) {
            assertTrue(admin.del(((RedisLockProvider) provider.delegate).lockKey(key)) == 1L, "the lock key existed");
        }
        LockHandle second = onOtherThread(() -> node2.acquire(key, LONG_WAIT));
        assertTrue(first.isHeld(), "the holder's own view has not changed yet (next renewal in 10 s)");

        assertFalse(transaction.commit(), "the holder's transaction is rolled back");
        assertFalse(first.isHeld(), "and the holder knows it lost the lock");
        assertTrue(second.confirmHeld(), "the new holder's lock is untouched, also by the old holder's release");
        second.release();
    }

    @Test
    void aHeldLockPassesTheCommitCheckWithoutExtendingAFixedLease() throws Exception {
        String key = uniqueKey("confirmed");
        LockHandle holder = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofSeconds(20)));
        long ttlBefore;
        try (Jedis admin = adminConnection()) {
            ttlBefore = admin.pttl(((RedisLockProvider) provider.delegate).lockKey(key));
        }
        RecordingTransaction transaction = new RecordingTransaction();
        CommitGuard.register(transaction, holder, false);
        Thread.sleep(50);
        assertTrue(transaction.commit());
        try (Jedis admin = adminConnection()) {
            assertTrue(admin.pttl(((RedisLockProvider) provider.delegate).lockKey(key)) < ttlBefore, "the check did not extend the lease");
        }
        holder.release();
    }

    /**
     * The acquire request reaches Redis and wins the key, but its reply comes late (held back by a proxy for 1 s;
     * the client gives up after 300 ms). The key must not stay blocked for the whole 30 s lease.
     */
    @Test
    void anAcquisitionWhoseReplyWasLostDoesNotBlockTheKeyForItsLease() throws Exception {
        String key = uniqueKey("lost-reply");
        URI redis = URI.create(TestServices.REDIS_URI);
        try (FaultyProxy proxy = new FaultyProxy(redis.getHost(), redis.getPort())) {
            RedisSettings impatient = new RedisSettings(URI.create("redis://127.0.0.1:" + proxy.port()), 300, 4, 100, "coordination-test:");
            try (LockManager node3 = new LockManager(new RedisLockProvider(impatient), Lease.renewing(Duration.ofSeconds(30)))) {
                proxy.delayRepliesTo("EVALSHA", Duration.ofSeconds(1));
                assertThrows(LockProviderException.class, () -> node3.acquire(key, Duration.ZERO));
                proxy.delayRepliesTo(null, Duration.ZERO); // the network is fine again

                LockHandle next = onOtherThread(() -> node2.acquire(key, Duration.ofSeconds(5)));
                assertTrue(next.isHeld(), "the key was freed long before its lease ended");
                next.release();
            }
        }
    }

    /**
     * Redis restarted without persistence while a lock is held and written under (keys, fencing counters and loaded
     * scripts all gone): another node takes the key and commits; the first holder's transaction is refused at its
     * commit check and its late fenced write is refused by the row, since the clock floor keeps the new token above
     * the old one. No two holders both commit.
     */
    @Test
    void aRedisRestartWhileHeldLetsNoStaleHolderCommit() throws Exception {
        String key = uniqueKey("restart");
        String id = java.util.UUID.randomUUID().toString();
        try (FencingDatabase db = new FencingDatabase()) {
            db.inTransaction(em -> FencedWrites.persist(em, new FencedRecord(id, "created"), 0));
            HeldForCommit held = holdForCommit(key);
            LockHandle first = held.handle();

            ServiceControl.restartRedisLosingEverything();

            LockHandle second = onOtherThread(() -> node2.acquire(key, LONG_WAIT));
            assertTrue(second.fencingToken() > first.fencingToken(), "the clock floor keeps tokens growing across the restart");
            db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, id, second.fencingToken(), r -> r.content("second")));

            assertFalse(held.transaction().commit(), "the first holder's transaction is refused at its commit check");
            assertFalse(first.isHeld());
            assertEquals(LockLostException.Reason.RENEWAL_FAILED, held.lost().get(5, java.util.concurrent.TimeUnit.SECONDS).reason(),
                    "refused because Redis said the key is another owner's, not because a dead pooled connection failed");
            assertThrows(StaleFencingTokenException.class, () -> db.inTransaction(
                    em -> FencedWrites.update(em, FencedRecord.class, id, first.fencingToken(), r -> r.content("first, late"))));
            assertEquals("second", db.inTransaction(em -> em.find(FencedRecord.class, id)).content());
            assertTrue(second.confirmHeld(), "the second holder's lock survived the first one's end");
            second.release();
            db.inTransaction(em -> {
                em.remove(em.find(FencedRecord.class, id));
                return null;
            });
        }
    }

    /**
     * After a Redis restart every pooled connection is dead, and an acquire cannot simply be asked twice (its repeat
     * would wait for itself): the pool must find the dead connections before acquires do. Seen on two nodes under
     * load as refused order placements for as long as dead connections were left in the pool.
     */
    @Test
    void acquiresShortlyAfterARedisRestartFindLiveConnections() throws Exception {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var holds = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 4; i++) {
                String key = uniqueKey("warm-" + i);
                holds.add(pool.submit(() -> {
                    LockHandle handle = node1.acquire(key, LONG_WAIT, Lease.fixed(Duration.ofSeconds(5)));
                    Thread.sleep(300); // the four at once: four connections in the pool afterwards
                    handle.release();
                    return null;
                }));
            }
            for (var hold : holds) {
                hold.get();
            }
        } finally {
            pool.shutdownNow();
        }

        ServiceControl.restartRedisLosingEverything();
        Thread.sleep(2_500);

        for (int i = 0; i < 8; i++) {
            LockHandle handle = node1.acquire(uniqueKey("after-restart-" + i), Duration.ofSeconds(2), Lease.fixed(Duration.ofSeconds(5)));
            handle.release();
        }
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
