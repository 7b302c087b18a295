package io.tradecoord.coordination.lock.redis;

import io.tradecoord.coordination.lock.spi.LockGrant;
import io.tradecoord.coordination.lock.spi.LockProvider;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Locks in Redis through Jedis. Each operation is ONE atomic round trip (a Lua script run by EVALSHA):
 * <ul>
 * <li>acquire: {@code SET lock owner NX PX lease}, and only if that succeeded {@code INCR} the key's fencing
 * counter, raised to Redis' clock in microseconds if it is behind, and returned as the token. The clock floor keeps
 * tokens above earlier ones even when Redis lost the counter (a restart without persistence, a failover), as long as
 * its clock does not go back; the counter itself only matters when the clock is behind it (it stepped back, or more
 * than one grant a microsecond), so it is kept {@code coordination.redis.fence-retention-ms} after the key's last
 * grant rather than for ever (every order locks keys of its own). A failed attempt sets the key's "someone waits" marker and returns the holder's
 * remaining lease instead.</li>
 * <li>renew: {@code PEXPIRE} only if the value is still this owner's token.</li>
 * <li>release: {@code DEL} only if the value is still this owner's token; then, only if the waiting marker was
 * there, delete it and {@code PUBLISH} the key on the release channel. An uncontended lock thus costs no message
 * to every subscribed JVM, while a waiter never misses one: its failed attempt and its marker are one atomic step,
 * so any release after that attempt sees the marker.</li>
 * </ul>
 * Waiters do not poll: they sleep until a release of their key is published (or made in this JVM), and re-check
 * at the latest when the holder's lease ends or after {@code coordination.redis.recheck-ms}, whichever is first,
 * which bounds the cost of a missed message.
 */
public final class RedisLockProvider implements LockProvider {

    static final Script ACQUIRE = Script.of("""
            if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              local token = redis.call('incr', KEYS[2])
              local now = redis.call('time')
              local floor = tonumber(now[1]) * 1000000 + tonumber(now[2])
              if token < floor then
                token = floor
                redis.call('set', KEYS[2], string.format('%.0f', floor), 'PX', ARGV[4])
              else
                redis.call('pexpire', KEYS[2], ARGV[4])
              end
              return {1, token}
            end
            redis.call('set', KEYS[3], '1', 'PX', ARGV[3])
            return {0, redis.call('pttl', KEYS[1])}
            """);
    static final Script RENEW = Script.of("""
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('pexpire', KEYS[1], ARGV[2])
            end
            return 0
            """);
    static final Script RELEASE = Script.of("""
            if redis.call('get', KEYS[1]) == ARGV[1] then
              redis.call('del', KEYS[1])
              if redis.call('del', KEYS[2]) == 1 then
                redis.call('publish', ARGV[2], ARGV[3])
              end
              return 1
            end
            return 0
            """);

    private final RedisSettings settings;
    private final UnifiedJedis redis;
    private final ReleaseSubscriber subscriber;
    private final ConcurrentMap<String, Waiters> waiters = new ConcurrentHashMap<>();
    private final String releaseChannel;

    public RedisLockProvider(RedisSettings settings) {
        this.settings = settings;
        this.redis = settings.newClient();
        this.releaseChannel = settings.keyPrefix() + "released";
        try {
            redis.ping(); // reachable now, or the provider is not made
        } catch (JedisException e) {
            redis.close();
            throw unreachable(e);
        }
        this.subscriber = new ReleaseSubscriber(redis, releaseChannel, this::wakeWaiters, settings.uriForDisplay());
        subscriber.start();
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public void probe() {
        try {
            redis.ping();
        } catch (JedisException e) {
            throw unreachable(e);
        }
    }

    @Override
    public Optional<LockGrant> acquire(String key, String owner, Duration lease, Duration wait) throws InterruptedException {
        List<String> keys = List.of(lockKey(key), fenceKey(key), waitingKey(key));
        // the marker outlives a waiter's sleep (at most recheck-ms) by far; each new attempt renews it
        List<String> args = List.of(owner, Long.toString(lease.toMillis()), Long.toString(settings.recheckMillis() * 10 + 1_000),
                Long.toString(settings.fenceRetentionMillis()));
        long deadline = System.nanoTime() + wait.toNanos();
        Waiters gate = null;
        try {
            while (true) {
                long generation = gate == null ? 0 : gate.generation();
                long attemptSent = System.nanoTime();
                List<?> result = (List<?>) call(() -> eval(ACQUIRE, keys, args));
                if (((Long) result.get(0)) == 1L) {
                    return Optional.of(new LockGrant(key, owner, (Long) result.get(1), null, attemptSent));
                }
                long remainingNanos = deadline - System.nanoTime();
                if (remainingNanos <= 0) {
                    return Optional.empty();
                }
                if (gate == null) {
                    // register before sleeping, then try once more: a release between our attempt and the
                    // registration would otherwise be missed until the re-check
                    gate = waiters.computeIfAbsent(key, k -> new Waiters());
                    gate.enter();
                    continue;
                }
                long holderLeftMillis = (Long) result.get(1);
                long sleepMillis = Math.min(settings.recheckMillis(), holderLeftMillis > 0 ? holderLeftMillis : 1);
                gate.await(generation, Math.min(remainingNanos, Duration.ofMillis(sleepMillis).toNanos()));
            }
        } finally {
            if (gate != null && gate.leave()) {
                waiters.remove(key, gate);
            }
        }
    }

    @Override
    public boolean renew(LockGrant grant, Duration lease) {
        Object renewed = callRepeatable(() -> eval(RENEW, List.of(lockKey(grant.key())),
                List.of(grant.owner(), Long.toString(lease.toMillis()))));
        return ((Long) renewed) == 1L;
    }

    @Override
    public boolean isHeld(LockGrant grant) {
        return callRepeatable(() -> grant.owner().equals(redis.get(lockKey(grant.key()))));
    }

    @Override
    public void abandon(String key, String owner) {
        callRepeatable(() -> eval(RELEASE, List.of(lockKey(key), waitingKey(key)), List.of(owner, releaseChannel, key)));
    }

    @Override
    public void release(LockGrant grant) {
        callRepeatable(() -> eval(RELEASE, List.of(lockKey(grant.key()), waitingKey(grant.key())),
                List.of(grant.owner(), releaseChannel, grant.key())));
        // waiters in this JVM need not wait for the message to travel through Redis
        wakeWaiters(grant.key());
    }

    @Override
    public void close() {
        subscriber.stop();
        waiters.values().forEach(w -> w.wake());
        redis.close();
    }

    /** The Redis key holding the owner token of a lock; public for tests that simulate faults. */
    public String lockKey(String key) {
        return settings.keyPrefix() + "lock:" + hashTag(key);
    }

    public String fenceKey(String key) {
        return settings.keyPrefix() + "fence:" + hashTag(key);
    }

    String waitingKey(String key) {
        return settings.keyPrefix() + "waiting:" + hashTag(key);
    }

    /**
     * The key as a Redis Cluster hash tag, so that its lock, fence and waiting keys share one slot (a script may
     * only touch keys of one slot). Braces in the key would end the tag early or leave it empty: they, and '%', are
     * escaped.
     */
    static String hashTag(String key) {
        boolean plain = key.indexOf('%') < 0 && key.indexOf('{') < 0 && key.indexOf('}') < 0;
        return "{" + (plain ? key : key.replace("%", "%25").replace("{", "%7B").replace("}", "%7D")) + "}";
    }

    private void wakeWaiters(String key) {
        Waiters gate = waiters.get(key);
        if (gate != null) {
            gate.wake();
        }
    }

    /**
     * Runs a command whose second run changes nothing more (the owner check, renew, release, abandon: all
     * owner-checked): after Redis restarted or failed over, every pooled connection is dead and the pool drops one
     * only when it fails, so such a command is asked once more, on a fresh connection. Not for acquire, whose repeat
     * would wait for itself.
     */
    private <T> T callRepeatable(Supplier<T> command) {
        try {
            return call(command);
        } catch (LockProviderException e) {
            if (e.getCause() instanceof JedisConnectionException) {
                return call(command);
            }
            throw e;
        }
    }

    /** Runs a command against Redis, its failures as {@link LockProviderException} naming the server. */
    private <T> T call(Supplier<T> command) {
        try {
            return command.get();
        } catch (JedisConnectionException e) {
            throw unreachable(e);
        } catch (JedisException e) {
            throw new LockProviderException("Redis at " + settings.uriForDisplay() + " rejected a lock command: "
                    + e.getMessage(), e);
        }
    }

    /** Runs a script by its SHA-1; a node that has not cached it (a restart, a failover, another cluster node) gets it in full. */
    private Object eval(Script script, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(script.sha(), keys, args);
        } catch (JedisNoScriptException e) {
            return redis.eval(script.text(), keys, args); // EVAL also caches it on that node
        }
    }

    /** A Lua script and its SHA-1, as Redis computes it. */
    record Script(String text, String sha) {

        static Script of(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(digest));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-1", e);
            }
        }
    }

    private LockProviderException unreachable(JedisException e) {
        return new LockProviderException("Redis at " + settings.uriForDisplay() + " is not reachable (set "
                + (settings.topology().mode() == RedisSettings.Mode.STANDALONE ? RedisSettings.URI_KEY : RedisSettings.NODES_KEY)
                + "): " + e.getMessage(), e);
    }

    /** The threads of this JVM waiting for one key, and a generation counter that every release bumps. */
    private static final class Waiters {
        private long generation;
        private int count;

        synchronized long generation() {
            return generation;
        }

        synchronized void enter() {
            count++;
        }

        /** @return true if this was the last waiter */
        synchronized boolean leave() {
            return --count == 0;
        }

        synchronized void wake() {
            generation++;
            notifyAll();
        }

        synchronized void await(long seenGeneration, long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (generation == seenGeneration) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        }
    }
}
