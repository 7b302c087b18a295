package io.tradecoord.coordination.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.smoke.TestServices;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.params.ClientKillParams;

/** The Redis backend on a Redis Cluster of three masters (scripts/services.sh redis-cluster). */
class RedisClusterLockConformanceIT extends LockConformanceSuite {

    static RedisSettings settings() {
        return new RedisSettings(URI.create("redis://127.0.0.1:6379"), 2_000, 8, 100, "coordination-test:",
                RedisSettings.Topology.parse("cluster", TestServices.REDIS_CLUSTER, null));
    }

    @Override
    protected String secondJvmBackend() {
        return "redis-cluster";
    }

    @Override
    protected LockProvider newProvider() {
        return new RedisLockProvider(settings());
    }

    /** A failover to a replica that missed the key, or a node restarted without persistence: connections die, the key is gone. */
    @Override
    protected void provokeLoss(LockManager holder, CountingProvider holderProvider, LockHandle handle) {
        String lockKey = ((RedisLockProvider) holderProvider.delegate).lockKey(handle.key());
        long deleted = 0;
        int killed = 0;
        for (HostAndPort node : settings().topology().nodes()) {
            try (Jedis admin = new Jedis(node)) {
                killed += killLockClients(admin);
                deleted += deleteIfServedHere(admin, lockKey);
            }
        }
        assertTrue(killed > 0, "no lock client connection found to kill");
        assertEquals(1L, deleted, "the lock key existed on the node that serves its slot");
    }

    @Override
    protected void forgetFencingCounter(String key) {
        String fenceKey = ((RedisLockProvider) provider.delegate).fenceKey(key);
        long deleted = 0;
        for (HostAndPort node : settings().topology().nodes()) {
            try (Jedis admin = new Jedis(node)) {
                deleted += deleteIfServedHere(admin, fenceKey);
            }
        }
        assertEquals(1L, deleted, "the fencing counter existed");
    }

    /** Every key a lock uses sits in one slot, also for keys whose braces would otherwise end the hash tag early. */
    @Test
    void aLocksKeysShareOneSlot() {
        RedisLockProvider redis = (RedisLockProvider) provider.delegate;
        for (String key : List.of("plain", "a}b", "}", "{", "{}", "x{y}z", "%7D", "ü")) {
            try (Jedis admin = new Jedis(settings().topology().nodes().get(0))) {
                long slot = admin.clusterKeySlot(redis.lockKey(key));
                assertEquals(slot, (long) admin.clusterKeySlot(redis.fenceKey(key)), key);
            }
        }
    }

    /** DEL on the node that serves the key's slot; the others answer MOVED. */
    private static long deleteIfServedHere(Jedis node, String key) {
        try {
            return node.del(key);
        } catch (JedisMovedDataException servedElsewhere) {
            return 0;
        }
    }

    private static int killLockClients(Jedis admin) {
        int killed = 0;
        for (String line : admin.clientList().split("\n")) {
            if (line.contains("name=tradecoord-locks ")) {
                String id = line.replaceAll(".*\\bid=(\\d+).*", "$1");
                killed += (int) admin.clientKill(ClientKillParams.clientKillParams().id(id));
            }
        }
        return killed;
    }
}
