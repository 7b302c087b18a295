package io.tradecoord.coordination.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.smoke.TestServices;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.ClientKillParams;

/** The Redis backend on a master + replica watched by three Sentinels (scripts/services.sh redis-sentinel). */
class RedisSentinelLockConformanceIT extends LockConformanceSuite {

    static RedisSettings settings() {
        return new RedisSettings(URI.create("redis://127.0.0.1:6379"), 2_000, 8, 100, "coordination-test:",
                RedisSettings.Topology.parse("sentinel", TestServices.REDIS_SENTINELS, TestServices.REDIS_SENTINEL_MASTER));
    }

    @Override
    protected String secondJvmBackend() {
        return "redis-sentinel";
    }

    @Override
    protected LockProvider newProvider() {
        return new RedisLockProvider(settings());
    }

    /** The master restarted without persistence, or a failover to a replica that missed the key. */
    @Override
    protected void provokeLoss(LockManager holder, CountingProvider holderProvider, LockHandle handle) {
        try (Jedis master = new Jedis(currentMaster())) {
            int killed = 0;
            for (String line : master.clientList().split("\n")) {
                if (line.contains("name=tradecoord-locks ")) {
                    killed += (int) master.clientKill(ClientKillParams.clientKillParams().id(line.replaceAll(".*\\bid=(\\d+).*", "$1")));
                }
            }
            assertTrue(killed > 0, "no lock client connection found to kill");
            assertEquals(1L, master.del(((RedisLockProvider) holderProvider.delegate).lockKey(handle.key())), "the lock key existed");
        }
    }

    @Override
    protected void forgetFencingCounter(String key) {
        try (Jedis master = new Jedis(currentMaster())) {
            assertEquals(1L, master.del(((RedisLockProvider) provider.delegate).fenceKey(key)), "the fencing counter existed");
        }
    }

    /**
     * A failover while a lock is held and its holder's transaction is open, to a replica that has the key: the
     * clients follow the new master, the holder keeps its lock and commits, another node still waits.
     */
    @Test
    void aFailoverToAReplicaThatHasTheKeyKeepsTheLock() throws Exception {
        String key = uniqueKey("failover-kept");
        HeldForCommit first = holdForCommit(key);
        HostAndPort before = currentMaster();
        String lockKey = ((RedisLockProvider) provider.delegate).lockKey(key);
        awaitKey(healthyReplicaOf(before), lockKey);

        failOver(before);

        assertTrue(onOtherThread(() -> node2.tryAcquire(key, Duration.ofSeconds(2), Lease.renewing(Duration.ofSeconds(30)))).isEmpty(),
                "the new master has the key: another node waits");
        assertTrue(first.transaction().commit(), "the holder keeps its lock and commits");
        assertFalse(first.lost().isDone(), "no loss was signalled");
    }

    /**
     * A failover to a replica that missed the lock's key (asynchronous replication: the master granted it and failed
     * before the replica received it; here the key is deleted on the replica alone): another node gets the key from
     * the new master, the first holder is told of its loss, and only the new holder commits.
     */
    @Test
    void aFailoverToAReplicaThatMissedTheKeyIsSignalledAndOnlyTheNewHolderCommits() throws Exception {
        String key = uniqueKey("failover-missed");
        HeldForCommit first = holdForCommit(key);
        HostAndPort before = currentMaster();
        String lockKey = ((RedisLockProvider) provider.delegate).lockKey(key);
        HostAndPort replicaAddress = healthyReplicaOf(before);
        awaitKey(replicaAddress, lockKey);
        try (Jedis replica = new Jedis(replicaAddress)) {
            replica.configSet("replica-read-only", "no");
            try {
                assertEquals(1L, replica.del(lockKey), "the replica had received the key");
            } finally {
                replica.configSet("replica-read-only", "yes");
            }
        }
        failOver(before);

        LockHandle second = onOtherThread(() -> node2.acquire(key, Duration.ofSeconds(10), Lease.renewing(Duration.ofSeconds(30))));
        assertTrue(second.fencingToken() > first.handle().fencingToken(), "the clock floor keeps the new master's tokens above the old");
        assertFalse(first.transaction().commit(), "the first holder must not commit");
        assertEquals(LockLostException.Reason.RENEWAL_FAILED, first.lost().get(5, TimeUnit.SECONDS).reason(), "and is told of its loss");
        assertTrue(second.confirmHeld(), "the new holder's lock stands");
        second.release();
    }

    /**
     * SENTINEL FAILOVER, then waits until the Sentinels name a new master and it takes writes. Right after an earlier
     * failover the demoted master is still resynchronising and the Sentinels refuse (NOGOODSLAVE): asked again until
     * they accept, for up to 30 s.
     */
    private static void failOver(HostAndPort before) throws InterruptedException {
        long accepted = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Jedis sentinel = new Jedis(sentinels().get(0))) {
                assertEquals("OK", sentinel.sentinelFailover(TestServices.REDIS_SENTINEL_MASTER));
                break;
            } catch (redis.clients.jedis.exceptions.JedisDataException noReplicaYet) {
                if (!String.valueOf(noReplicaYet.getMessage()).startsWith("NOGOODSLAVE") || System.nanoTime() > accepted) {
                    throw noReplicaYet;
                }
                Thread.sleep(200);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (currentMaster().equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertNotEquals(before, currentMaster(), "the Sentinels promoted the replica");
        awaitWritableMaster();
    }

    /** Waits until replication brought {@code key} to {@code replica}. */
    private static void awaitKey(HostAndPort replica, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Jedis node = new Jedis(replica)) {
                if (node.exists(key)) {
                    return;
                }
            } catch (JedisConnectionException roleChange) {
                // a node drops its clients when it changes role: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the replica " + replica + " did not receive " + key + " within 20 s");
            }
            Thread.sleep(20);
        }
    }

    /**
     * The replica that replicates from {@code master} right now (after a failover the demoted master becomes one
     * only once the Sentinels reconfigured it and it resynchronised).
     */
    private static HostAndPort healthyReplicaOf(HostAndPort master) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Jedis sentinel = new Jedis(sentinels().get(0))) {
                for (var replica : sentinel.sentinelReplicas(TestServices.REDIS_SENTINEL_MASTER)) {
                    HostAndPort address = new HostAndPort(replica.get("ip"), Integer.parseInt(replica.get("port")));
                    try (Jedis node = new Jedis(address)) {
                        String info = node.info("replication");
                        if (!address.equals(master) && info.contains("role:slave") && info.contains("master_link_status:up")
                                && info.contains("master_port:" + master.getPort())) {
                            return address;
                        }
                    } catch (JedisConnectionException roleChange) {
                        // changing role: ask again
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no replica of " + master + " is in sync within 30 s");
    }

    private static List<HostAndPort> sentinels() {
        return settings().topology().nodes();
    }

    private static HostAndPort currentMaster() {
        try (Jedis sentinel = new Jedis(sentinels().get(0))) {
            List<String> address = sentinel.sentinelGetMasterAddrByName(TestServices.REDIS_SENTINEL_MASTER);
            return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
        }
    }

    /** The promoted replica accepts writes once it finished switching roles. */
    private static void awaitWritableMaster() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Jedis master = new Jedis(currentMaster())) {
                if (master.info("replication").contains("role:master")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // switching
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the new master did not take the master role within 20 s");
    }
}
