package io.tradecoord.coordination.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.params.SetParams;

/** A real round trip with Jedis: a value written with a lease comes back, and its lease is set. */
class RedisSmokeIT {

    @Test
    void setWithLeaseThenGet() {
        String key = "smoke:" + UUID.randomUUID();
        try (RedisClient redis = RedisClient.create(URI.create(TestServices.REDIS_URI))) {
            assertEquals("OK", redis.set(key, "value", SetParams.setParams().nx().px(30_000)));
            assertEquals("value", redis.get(key));
            long ttl = redis.pttl(key);
            assertEquals(true, ttl > 0 && ttl <= 30_000, "lease in ms: " + ttl);
            assertEquals(1L, redis.del(key));
        } catch (JedisConnectionException e) {
            throw TestServices.unreachable("Redis", TestServices.REDIS_URI, e);
        }
    }
}
