package io.tradecoord.benchmarks;

import io.tradecoord.benchmarks.Harness.ContendedCase;
import io.tradecoord.benchmarks.Harness.Contender;
import io.tradecoord.benchmarks.Harness.SingleThreadCase;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.Rounds.Case;
import io.tradecoord.coordination.lock.Lease;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.lock.redis.RedisLockProvider;
import io.tradecoord.coordination.lock.redis.RedisSettings;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperLockProvider;
import io.tradecoord.coordination.lock.zookeeper.ZooKeeperSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.recipes.locks.InterProcessMutex;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.params.SetParams;

/**
 * Lock throughput and latency of the coordination module against its raw floors and against Redisson / bare
 * Curator, all measured in one run on one machine. Prints a Markdown report on stdout (progress on stderr).
 * Exit code 0 = every operation and check passed; 1 = a failed operation or check (the message says which);
 * 2 = bad flags.
 */
public final class LockBenchmark {

    // the same settings LockManagerFactory uses by default, with prefixes/namespaces of their own
    // the library's defaults, so ours and the raw clients run with what a deployment gets
    static final int REDIS_TIMEOUT_MS = RedisSettings.DEFAULT_TIMEOUT_MILLIS;
    static final int REDIS_POOL_SIZE = RedisSettings.DEFAULT_POOL_SIZE;
    static final long REDIS_RECHECK_MS = RedisSettings.DEFAULT_RECHECK_MILLIS;
    static final String REDIS_PREFIX = "coordination-bench:";
    static final int ZK_SESSION_TIMEOUT_MS = ZooKeeperSettings.DEFAULT_SESSION_TIMEOUT_MILLIS;
    static final int ZK_CONNECTION_TIMEOUT_MS = ZooKeeperSettings.DEFAULT_CONNECTION_TIMEOUT_MILLIS;
    static final String ZK_NAMESPACE = "tradecoord-bench";
    static final Duration LEASE = Duration.ofSeconds(30);
    static final Duration SINGLE_WAIT = Duration.ofSeconds(10);
    static final Duration CONTENDED_WAIT = Duration.ofSeconds(30);

    /** Compare-and-delete of the raw floor (the canonical safe unlock). */
    static final String RAW_RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then
              return redis.call('del', KEYS[1])
            end
            return 0
            """;

    private final Options options;
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final List<Section> sections = new ArrayList<>();
    private final List<String[]> ratios = new ArrayList<>();
    private final List<Runnable> cleanups = new ArrayList<>();
    private final MachineLoad load = new MachineLoad(LockBenchmark::isServer);
    private String headerText = "";

    private record Section(String title, List<? extends Case> cases, List<String> notes) {
    }

    private LockBenchmark(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Reports.quietLogging(); // the clients' INFO chatter would bury the progress lines
        Options options = Reports.parseOrExit("LockBenchmark", args, Options::parse, Options.usage());
        LockBenchmark bench = new LockBenchmark(options);
        int exit = 0;
        try {
            Reports.emit(bench.run(), options.out);
        } catch (Throwable e) {
            String message = e instanceof BenchmarkFailure ? e.getMessage() : e.toString();
            // what was measured before the failure, marked as such
            System.out.println(bench.headerText + "\n**RUN FAILED: " + message + "**\n" + bench.report());
            System.err.println();
            System.err.println("LockBenchmark FAILED (run " + bench.runId + "): " + message);
            Throwable cause = e instanceof BenchmarkFailure ? e.getCause() : e;
            if (cause != null) {
                cause.printStackTrace();
            }
            exit = 1;
        } finally {
            Reports.cleanUp(bench.cleanups);
        }
        System.exit(exit);
    }

    private String run() throws Exception {
        String header = header();
        headerText = header;
        System.err.println(header);
        if (options.groups.contains("redis") || options.groups.contains("contended")) {
            runRedis();
        }
        if (options.groups.contains("zookeeper") || options.groups.contains("zookeeper-contended")) {
            runZooKeeper();
        }
        return header + "\n" + report();
    }

    // ------------------------------------------------------------------ Redis

    private void runRedis() throws Exception {
        URI uri = options.redis;
        String host = uri.getHost();
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        var plainConfig = DefaultJedisClientConfig.builder().timeoutMillis(REDIS_TIMEOUT_MS)
                .protocol(RedisProtocol.RESP2).build();

        Jedis admin = new Jedis(new HostAndPort(host, port), plainConfig);
        cleanups.add(admin::close);

        RedisLockProvider provider = new RedisLockProvider(settings(REDIS_PREFIX));
        LockManager locks = new LockManager(provider, Lease.renewing(LEASE));
        cleanups.add(locks::close);
        // stand-ins for the other JVMs of a deployment: idle providers subscribed to the same release channel
        for (int i = 0; i < options.extraSubscribers; i++) {
            RedisLockProvider extra = new RedisLockProvider(settings(REDIS_PREFIX));
            cleanups.add(extra::close);
        }

        Config config = new Config();
        config.useSingleServer().setAddress("redis://" + host + ":" + port);
        RedissonClient redisson = Redisson.create(config);
        cleanups.add(redisson::shutdown);

        if (options.groups.contains("redis")) {
            runRedisSingle(host, port, plainConfig, admin, provider, locks, redisson);
        }
        if (options.groups.contains("contended")) {
            runRedisContended(host, port, plainConfig, admin, provider, locks, redisson);
        }
    }

    private void runRedisSingle(String host, int port, DefaultJedisClientConfig plainConfig, Jedis admin,
                                RedisLockProvider provider, LockManager locks, RedissonClient redisson) throws Exception {
        List<Case> cases = new ArrayList<>();

        Jedis pingConnection = new Jedis(new HostAndPort(host, port), plainConfig);
        cleanups.add(pingConnection::close);
        cases.add(new SingleThreadCase("0", "redis PING (plain Jedis, 1 round trip, context)", "op", () ->
                Rounds.check("PONG".equals(pingConnection.ping()), "PING did not answer PONG")));

        // 1a raw floor on one plain Jedis connection
        String rawKey = REDIS_PREFIX + "raw:single";
        Jedis raw = new Jedis(new HostAndPort(host, port), plainConfig);
        cleanups.add(raw::close);
        String rawReleaseSha = raw.scriptLoad(RAW_RELEASE);
        SingleThreadCase rawFloor = new SingleThreadCase("1a",
                "raw: Jedis SET NX PX 30000 + EVALSHA compare-and-delete (plain Jedis connection)", "lock+unlock", () -> {
            String owner = UUID.randomUUID().toString();
            String set = raw.set(rawKey, owner, SetParams.setParams().nx().px(30_000));
            Rounds.check("OK".equals(set), "raw SET NX failed: '" + rawKey + "' was still held");
            Object deleted = raw.evalsha(rawReleaseSha, List.of(rawKey), List.of(owner));
            Rounds.check(Long.valueOf(1).equals(deleted), "raw compare-and-delete did not delete '" + rawKey + "'");
        });
        cases.add(rawFloor);

        // 1a' the same on a pooled RedisClient configured as RedisSettings configures ours
        String rawPooledKey = REDIS_PREFIX + "raw-pooled:single";
        RedisClient pooled = pooledClient(host, port);
        cleanups.add(pooled::close);
        String pooledReleaseSha = pooled.scriptLoad(RAW_RELEASE);
        SingleThreadCase rawPooled = new SingleThreadCase("1a'",
                "raw: the same two round trips on a pooled RedisClient (as ours)", "lock+unlock", () -> {
            String owner = UUID.randomUUID().toString();
            String set = pooled.set(rawPooledKey, owner, SetParams.setParams().nx().px(30_000));
            Rounds.check("OK".equals(set), "raw SET NX failed: '" + rawPooledKey + "' was still held");
            Object deleted = pooled.evalsha(pooledReleaseSha, List.of(rawPooledKey), List.of(owner));
            Rounds.check(Long.valueOf(1).equals(deleted), "raw compare-and-delete did not delete '" + rawPooledKey + "'");
        });
        cases.add(rawPooled);

        // 1b ours, fixed lease and the default renewing lease
        String oursKey = "bench-single";
        SingleThreadCase oursFixed = new SingleThreadCase("1b",
                "ours: LockManager + RedisLockProvider, Lease.fixed(30 s)", "lock+unlock",
                oursOp(locks, oursKey, Lease.fixed(LEASE)));
        SingleThreadCase oursRenewing = new SingleThreadCase("1b'",
                "ours: LockManager + RedisLockProvider, default Lease.renewing(30 s) (watchdog)", "lock+unlock",
                oursOp(locks, oursKey, locks.defaultLease()));
        cases.add(oursFixed);
        cases.add(oursRenewing);

        // 1c Redisson
        RLock redissonLock = redisson.getLock(REDIS_PREFIX + "redisson:single");
        SingleThreadCase redissonLease = new SingleThreadCase("1c",
                "Redisson RLock lock(30, SECONDS)/unlock()", "lock+unlock", () -> {
            redissonLock.lock(30, TimeUnit.SECONDS);
            redissonLock.unlock();
        });
        SingleThreadCase redissonWatchdog = new SingleThreadCase("1c'",
                "Redisson RLock lock()/unlock() (watchdog)", "lock+unlock", () -> {
            redissonLock.lock();
            redissonLock.unlock();
        });
        cases.add(redissonLease);
        cases.add(redissonWatchdog);

        List<Rounds.Probe> probes = List.of(Probes.jvmCpu(), Probes.redisCpu(admin), Probes.redisCommands(admin),
                Probes.jvmContextSwitches());
        cases.forEach(c -> c.probe(probes));
        Harness.runGroup("1 redis, one thread", cases, options, load);

        for (String key : List.of(rawKey, rawPooledKey, provider.lockKey(oursKey), REDIS_PREFIX + "redisson:single")) {
            Rounds.check(!admin.exists(key), "lock key '" + key + "' was left behind after the single-thread cases");
        }
        admin.del(provider.fenceKey(oursKey)); // the fencing counter outlives every lock by design: the run's own goes
        List<String> notes = new ArrayList<>();
        notes.add("One thread, the same key every op, each case on its own connection(s); one op = acquire + release, "
                + "both checked (raw: SET answered OK and the compare-and-delete deleted 1 key; ours: acquire with a "
                + SINGLE_WAIT.toSeconds() + " s wait, fencing token strictly greater than the previous one; Redisson: "
                + "unlock() throws if the lock is not held). No lock key was left in Redis after the group.");
        notes.add("Every owner is a fresh `UUID.randomUUID()` in 1a/1a' too, as ours does per acquisition. "
                + "1a uses one plain `redis.clients.jedis.Jedis` connection; 1a' a `RedisClient` built like "
                + "`RedisSettings.newClient()` (pool of " + (REDIS_POOL_SIZE + 1) + ", RESP2). Redisson: default "
                + "single-server config (lockWatchdogTimeout 30000 ms).");
        sections.add(new Section("1 Redis, one thread", cases, notes));

        ratio("1b ours fixed / 1a raw floor (plain Jedis)", oursFixed, rawFloor, ">= 0.9", 0.9);
        ratio("1b ours fixed / 1a' raw on pooled RedisClient", oursFixed, rawPooled, "", Double.NaN);
        ratio("1b' ours renewing / 1a raw floor", oursRenewing, rawFloor, "", Double.NaN);
        ratio("1b ours fixed / 1c Redisson lock(30 s)", oursFixed, redissonLease, "> 1", 1.0000001);
        ratio("1b' ours renewing / 1c' Redisson lock() (watchdog)", oursRenewing, redissonWatchdog, "> 1", 1.0000001);
        ratio("1b' ours renewing / 1b ours fixed", oursRenewing, oursFixed, "", Double.NaN);
        ratio("1a raw floor / redis PING", rawFloor, cases.get(0), "", Double.NaN);
    }

    private static Harness.Op oursOp(LockManager locks, String key, Lease lease) {
        long[] lastToken = {Long.MIN_VALUE};
        return () -> {
            LockHandle handle = locks.acquire(key, SINGLE_WAIT, lease);
            long token = handle.fencingToken();
            Rounds.check(token > lastToken[0], "fencing token " + token + " after " + lastToken[0]);
            lastToken[0] = token;
            handle.release();
        };
    }

    private RedisSettings settings(String prefix) {
        return new RedisSettings(options.redis, REDIS_TIMEOUT_MS, REDIS_POOL_SIZE, REDIS_RECHECK_MS, prefix);
    }

    private void runRedisContended(String host, int port, DefaultJedisClientConfig plainConfig, Jedis admin,
                                   RedisLockProvider provider, LockManager locks, RedissonClient redisson) throws Exception {
        int n = options.threads;
        List<ContendedCase> cases = new ArrayList<>();
        String oursKey = "bench-contended";

        ContendedCase oursFixed = new ContendedCase("2a", "ours: LockManager + RedisLockProvider, Lease.fixed(30 s), "
                + n + " threads, 1 key", n, i -> oursContender(locks, oursKey, Lease.fixed(LEASE)));
        ContendedCase oursRenewing = new ContendedCase("2a'", "ours: LockManager + RedisLockProvider, default "
                + "renewing lease, " + n + " threads, 1 key", n, i -> oursContender(locks, oursKey, locks.defaultLease()));
        String redissonName = REDIS_PREFIX + "redisson:contended";
        ContendedCase redissonLease = new ContendedCase("2b", "Redisson RLock lock(30, SECONDS)/unlock(), " + n
                + " threads, 1 key", n, i -> redissonContender(redisson.getLock(redissonName), true));
        ContendedCase redissonWatchdog = new ContendedCase("2b'", "Redisson RLock lock()/unlock() (watchdog), " + n
                + " threads, 1 key", n, i -> redissonContender(redisson.getLock(redissonName), false));
        String spinKey = REDIS_PREFIX + "spin:contended";
        long[] spinFailures = new long[1];
        ContendedCase spin = new ContendedCase("2c", "raw Jedis spin lock (SET NX PX, sleep 1 ms, retry), " + n
                + " threads (context)", n, i -> spinContender(host, port, plainConfig, spinKey, spinFailures));
        cases.add(oursFixed);
        cases.add(oursRenewing);
        cases.add(redissonLease);
        cases.add(redissonWatchdog);
        cases.add(spin);

        List<Rounds.Probe> probes = List.of(Probes.jvmCpu(), Probes.redisCpu(admin), Probes.redisCommands(admin));
        cases.forEach(c -> c.probe(probes));
        Harness.runGroup("2 redis, contended", cases, options, load);

        for (String key : List.of(provider.lockKey(oursKey), redissonName, spinKey)) {
            Rounds.check(!admin.exists(key), "lock key '" + key + "' was left behind after the contended cases");
        }
        admin.del(provider.fenceKey(oursKey));
        List<String> notes = new ArrayList<>();
        notes.add(n + " threads, ONE key; each iteration: acquire, `++` a plain shared `long` and note the owner thread "
                + "(inside the lock), release. ops/s = acquisitions/s; hand-offs = acquisitions by a different thread "
                + "than the previous one; latency = the wait inside acquire. Ours: one LockManager (one pool, one "
                + "subscriber) shared by the threads, as in the application; acquire wait " + CONTENDED_WAIT.toSeconds()
                + " s. Redisson: one RedissonClient. Spin lock: a plain Jedis connection per thread.");
        StringBuilder exact = new StringBuilder("The counter was exact in every round (warm-up included) of every case; "
                + "timed acquisitions: ");
        for (ContendedCase c : cases) {
            exact.append(c.id).append(' ').append(String.format(Locale.ROOT, "%,d", c.timedOps)).append(", ");
        }
        exact.setLength(exact.length() - 2);
        exact.append(". Ours: every fencing token was strictly greater than the previous holder's (")
                .append(String.format(Locale.ROOT, "%,d", oursFixed.tokenChecks() + oursRenewing.tokenChecks()))
                .append(" checks, both lease kinds share the key). No lock key was left in Redis.");
        notes.add(exact.toString());
        StringBuilder changed = new StringBuilder("Owner changed on: ");
        for (ContendedCase c : cases) {
            changed.append(c.id).append(' ').append(pct(c.timedHandoffs, c.timedOps)).append(", ");
        }
        changed.setLength(changed.length() - 2);
        changed.append(" of the timed acquisitions. Spin lock: ")
                .append(String.format(Locale.ROOT, "%,d", spinFailures[0])).append(" failed SET NX attempts (incl. warm-up).");
        notes.add(changed.toString());
        sections.add(new Section("2 Redis, contended", cases, notes));

        ratio("2a ours fixed / 2b Redisson lock(30 s), acquisitions/s", oursFixed, redissonLease, "", Double.NaN);
        ratio("2a' ours renewing / 2b' Redisson lock(), acquisitions/s", oursRenewing, redissonWatchdog, "", Double.NaN);
        handoffRatio("2a ours fixed / 2b Redisson lock(30 s), hand-offs/s", oursFixed, redissonLease);
        handoffRatio("2a' ours renewing / 2b' Redisson lock(), hand-offs/s", oursRenewing, redissonWatchdog);
        waitTarget("2a ours fixed: wait p50 <= 1 ms", oursFixed);
        waitTarget("2a' ours renewing: wait p50 <= 1 ms", oursRenewing);
    }

    private static Contender oursContender(LockManager locks, String key, Lease lease) {
        return new Contender() {
            private LockHandle handle;

            @Override
            public long acquire() {
                handle = locks.acquire(key, CONTENDED_WAIT, lease);
                return handle.fencingToken();
            }

            @Override
            public void release() {
                handle.release();
                handle = null;
            }
        };
    }

    private static Contender redissonContender(RLock lock, boolean withLease) {
        return new Contender() {
            @Override
            public long acquire() {
                if (withLease) {
                    lock.lock(30, TimeUnit.SECONDS);
                } else {
                    lock.lock();
                }
                return Harness.NO_TOKEN;
            }

            @Override
            public void release() {
                lock.unlock();
            }
        };
    }

    private static Contender spinContender(String host, int port, DefaultJedisClientConfig config, String key, long[] failures) {
        Jedis jedis = new Jedis(new HostAndPort(host, port), config);
        String releaseSha = jedis.scriptLoad(RAW_RELEASE);
        return new Contender() {
            private String owner;

            @Override
            public long acquire() throws InterruptedException {
                String me = UUID.randomUUID().toString();
                while (!"OK".equals(jedis.set(key, me, SetParams.setParams().nx().px(30_000)))) {
                    synchronized (failures) {
                        failures[0]++;
                    }
                    Thread.sleep(1);
                }
                owner = me;
                return Harness.NO_TOKEN;
            }

            @Override
            public void release() {
                Object deleted = jedis.evalsha(releaseSha, List.of(key), List.of(owner));
                Rounds.check(Long.valueOf(1).equals(deleted), "spin lock compare-and-delete did not delete '" + key + "'");
            }

            @Override
            public void close() {
                jedis.close();
            }
        };
    }

    // ------------------------------------------------------------------ ZooKeeper

    private void runZooKeeper() throws Exception {
        ZooKeeperLockProvider zkProvider = new ZooKeeperLockProvider(new ZooKeeperSettings(options.zookeeper,
                ZK_SESSION_TIMEOUT_MS, ZK_CONNECTION_TIMEOUT_MS, ZK_NAMESPACE));
        LockManager zkLocks = new LockManager(zkProvider, Lease.renewing(LEASE));
        cleanups.add(zkLocks::close);
        CuratorFramework curator = CuratorFrameworkFactory.builder()
                .connectString(options.zookeeper)
                .sessionTimeoutMs(ZK_SESSION_TIMEOUT_MS)
                .connectionTimeoutMs(ZK_CONNECTION_TIMEOUT_MS)
                .namespace(ZK_NAMESPACE)
                .retryPolicy(new ExponentialBackoffRetry(100, 5, 2_000))
                .build();
        curator.start();
        cleanups.add(curator::close);
        Rounds.check(curator.blockUntilConnected(ZK_CONNECTION_TIMEOUT_MS, TimeUnit.MILLISECONDS),
                "ZooKeeper at " + options.zookeeper + " not reachable");

        String oursKey = "bench-zk-single";
        String curatorPath = "/locks/bench-zk-curator-single";
        String oursContendedKey = "bench-zk-contended";
        String curatorContendedPath = "/locks/bench-zk-curator-contended";

        if (options.groups.contains("zookeeper")) {
            List<Case> cases = new ArrayList<>();
            cases.add(new SingleThreadCase("0", "ZK exists() (bare Curator, 1 round trip, context)", "op", () ->
                    Rounds.check(curator.checkExists().forPath("/") != null, "exists(/) returned null")));
            SingleThreadCase ours = new SingleThreadCase("3a", "ours: LockManager + ZooKeeperLockProvider, Lease.fixed(30 s)",
                    "lock+unlock", oursOp(zkLocks, oursKey, Lease.fixed(LEASE)));
            InterProcessMutex mutex = new InterProcessMutex(curator, curatorPath);
            SingleThreadCase bare = new SingleThreadCase("3b", "bare Curator InterProcessMutex acquire()/release()",
                    "lock+unlock", () -> {
                mutex.acquire();
                Rounds.check(mutex.isOwnedByCurrentThread(), "InterProcessMutex not owned after acquire()");
                mutex.release();
            });
            cases.add(ours);
            cases.add(bare);
            List<Rounds.Probe> probes = List.of(Probes.jvmCpu(), Probes.jvmContextSwitches());
            cases.forEach(c -> c.probe(probes));
            Harness.runGroup("3 zookeeper, one thread", cases, options, load);
            checkNoLockNodes(zkProvider.client(), "/locks/" + oursKey);
            checkNoLockNodes(curator, curatorPath);
            sections.add(new Section("3 ZooKeeper, one thread", cases, List.of(
                    "One thread, the same lock path every op. Both sides use the same client settings (session "
                            + ZK_SESSION_TIMEOUT_MS + " ms, connection " + ZK_CONNECTION_TIMEOUT_MS + " ms, namespace `"
                            + ZK_NAMESPACE + "`, ExponentialBackoffRetry(100, 5, 2000)), each its own CuratorFramework. "
                            + "Ours: acquire wait " + SINGLE_WAIT.toSeconds() + " s, fencing token (lock node czxid) "
                            + "strictly increasing, checked every op; bare: one InterProcessMutex reused, "
                            + "isOwnedByCurrentThread() after acquire, release() throws if not held. No lock node was "
                            + "left under either path.")));
            ratio("3a ours / 3b bare Curator InterProcessMutex", ours, bare, ">= 0.95", 0.95);
        }
        if (options.groups.contains("zookeeper-contended")) {
            int n = options.threads;
            ContendedCase ours = new ContendedCase("3c", "ours: LockManager + ZooKeeperLockProvider, fixed lease, "
                    + n + " threads, 1 key", n, i -> oursContender(zkLocks, oursContendedKey, Lease.fixed(LEASE)));
            ContendedCase bare = new ContendedCase("3d", "bare Curator InterProcessMutex, " + n
                    + " threads (a mutex each), 1 path", n, i -> {
                InterProcessMutex m = new InterProcessMutex(curator, curatorContendedPath);
                return new Contender() {
                    @Override
                    public long acquire() throws Exception {
                        m.acquire();
                        return Harness.NO_TOKEN;
                    }

                    @Override
                    public void release() throws Exception {
                        m.release();
                    }
                };
            });
            List<ContendedCase> cases = List.of(ours, bare);
            cases.forEach(c -> c.probe(List.of(Probes.jvmCpu())));
            Harness.runGroup("3 zookeeper, contended", cases, options, load);
            checkNoLockNodes(zkProvider.client(), "/locks/" + oursContendedKey);
            checkNoLockNodes(curator, curatorContendedPath);
            sections.add(new Section("3 ZooKeeper, contended", cases, List.of(
                    n + " threads, ONE lock path, the same loop as in 2. Ours: one LockManager shared by the threads; "
                            + "bare: one CuratorFramework, an InterProcessMutex per thread. Counter exact in every "
                            + "round; timed acquisitions 3c " + String.format(Locale.ROOT, "%,d", ours.timedOps) + ", 3d "
                            + String.format(Locale.ROOT, "%,d", bare.timedOps) + "; ours: " + String.format(Locale.ROOT, "%,d", ours.tokenChecks())
                            + " fencing tokens strictly increasing. Owner changed on 3c " + pct(ours.timedHandoffs, ours.timedOps)
                            + ", 3d " + pct(bare.timedHandoffs, bare.timedOps) + " of the acquisitions.")));
            ratio("3c ours / 3d bare Curator, 4 threads, acquisitions/s", ours, bare, "", Double.NaN);
        }
    }

    private static void checkNoLockNodes(CuratorFramework client, String path) throws Exception {
        if (client.checkExists().forPath(path) != null) {
            List<String> children = client.getChildren().forPath(path);
            Rounds.check(children.isEmpty(), "lock nodes left under " + path + ": " + children);
        }
    }

    // ------------------------------------------------------------------ report

    private void ratio(String name, Case a, Case b, String target, double threshold) {
        double median = a.medianRate() / b.medianRate();
        ratios.add(new String[] {name, Reports.f2(median), Reports.perRound(a.rates, b.rates), target,
                Double.isNaN(threshold) ? "" : (median >= threshold ? "met" : "**missed**")});
    }

    private void handoffRatio(String name, Case a, Case b) {
        ratios.add(new String[] {name, Reports.f2(a.medianHandoffRate() / b.medianHandoffRate()),
                Reports.perRound(a.handoffRates, b.handoffRates), "", ""});
    }

    private void waitTarget(String name, Case c) {
        double p50 = c.latency.getValueAtPercentile(50) / 1000.0;
        ratios.add(new String[] {name, String.format(Locale.ROOT, "p50 %.1f us", p50), "", "<= 1000 us",
                p50 <= 1000 ? "met" : "**missed**"});
    }

    private String report() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            sb.append("\n### ").append(s.title()).append("\n\n");
            boolean handoffs = s.cases().stream().anyMatch(Case::hasHandoffs);
            List<Rounds.Probe> probes = s.cases().get(0).probes;
            sb.append("| case | ops/s median (min..max) |").append(handoffs ? " hand-offs/s median |" : "")
                    .append(" latency measured | p50 / p99 us | timed ops |");
            probes.forEach(p -> sb.append(' ').append(p.name()).append(" |"));
            sb.append(" other load %, median (rounds run again) |");
            sb.append("\n|---|---:|").append(handoffs ? "---:|" : "").append("---|---:|---:|")
                    .append("---:|".repeat(probes.size() + 1)).append('\n');
            for (Case c : s.cases()) {
                double min = c.rates.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
                double max = c.rates.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
                sb.append("| ").append(c.id).append(' ').append(c.label).append(" | ")
                        .append(Reports.f0(c.medianRate())).append(" (").append(Reports.f0(min)).append("..").append(Reports.f0(max)).append(") | ");
                if (handoffs) {
                    sb.append(c.hasHandoffs() ? Reports.f0(c.medianHandoffRate()) : "-").append(" | ");
                }
                sb.append(c.latencyMeasured).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f / %.1f", c.latency.getValueAtPercentile(50) / 1000.0,
                                c.latency.getValueAtPercentile(99) / 1000.0))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", c.timedOps)).append(" |");
                for (int i = 0; i < c.probes.size(); i++) {
                    sb.append(' ').append(String.format(Locale.ROOT, "%.1f", c.probePerOp(i))).append(" |");
                }
                sb.append(String.format(Locale.ROOT, " %.0f (%d) |", Rounds.median(c.foreignPercents), c.repeatedRounds));
                sb.append('\n');
            }
            sb.append('\n');
            for (String note : s.notes()) {
                sb.append("- ").append(note).append('\n');
            }
        }
        sb.append(Reports.ratioTable(ratios, "Per-round ratios pair round r of both cases (the rounds of a group are "
                + "interleaved, so they ran seconds apart)."));
        return sb.toString();
    }

    private String header() {
        StringBuilder sb = Reports.header("Lock benchmark run " + runId);
        sb.append("- clients: jedis ").append(Reports.mavenVersion("redis.clients", "jedis"))
                .append(", redisson ").append(Reports.mavenVersion("org.redisson", "redisson"))
                .append(", curator ").append(Reports.mavenVersion("org.apache.curator", "curator-recipes"))
                .append(", zookeeper client ").append(org.apache.zookeeper.Version.getFullVersion().split(",")[0])
                .append(", HdrHistogram ").append(Reports.mavenVersion("org.hdrhistogram", "HdrHistogram")).append('\n');
        sb.append("- servers: redis ").append(redisVersion()).append(" at ").append(options.redis.getHost()).append(':')
                .append(options.redis.getPort() == -1 ? 6379 : options.redis.getPort())
                .append(", zookeeper ").append(zooKeeperVersion()).append(" at ").append(options.zookeeper).append('\n');
        sb.append("- other load: CPU of every process but this JVM and the ").append(load.serversFound())
                .append(" server process(es) found (redis-server, ZooKeeperServerMain), from /proc, in % of one core")
                .append(load.available() ? "" : " (not available here: no gate)").append('\n');
        sb.append("- method: ").append(options.describe())
                .append("; rounds of a group interleaved (order rotated each round); groups: ")
                .append(String.join(", ", options.groups)).append('\n');
        return sb.toString();
    }

    private String redisVersion() {
        int port = options.redis.getPort() == -1 ? 6379 : options.redis.getPort();
        try (Jedis jedis = new Jedis(new HostAndPort(options.redis.getHost(), port),
                DefaultJedisClientConfig.builder().timeoutMillis(REDIS_TIMEOUT_MS).build())) {
            for (String line : jedis.info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length());
                }
            }
            return "?";
        } catch (RuntimeException e) {
            return "(not reachable: " + e.getMessage() + ")";
        }
    }

    private String zooKeeperVersion() {
        String first = options.zookeeper.split(",")[0];
        int colon = first.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1))), 2_000);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write("srvr".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            for (String line : answer.split("\n")) {
                if (line.startsWith("Zookeeper version:")) {
                    return line.substring("Zookeeper version:".length()).trim().split(",")[0];
                }
            }
            return "?";
        } catch (IOException | RuntimeException e) {
            return "(srvr not answered: " + e.getMessage() + ")";
        }
    }

    /** The servers this benchmark measures, not "other load": redis-server and ZooKeeper. */
    static boolean isServer(String cmdline) {
        return cmdline.startsWith("redis-server") || cmdline.contains("/redis-server") || cmdline.contains("ZooKeeperServerMain");
    }

    private static RedisClient pooledClient(String host, int port) {
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(REDIS_TIMEOUT_MS)
                .socketTimeoutMillis(REDIS_TIMEOUT_MS)
                .protocol(RedisProtocol.RESP2)
                .clientName("tradecoord-bench-raw")
                .build();
        var pool = new GenericObjectPoolConfig<Connection>();
        pool.setMaxTotal(REDIS_POOL_SIZE + 1);
        pool.setMaxIdle(REDIS_POOL_SIZE + 1);
        pool.setMinIdle(1);
        return RedisClient.builder().hostAndPort(host, port).clientConfig(config).poolConfig(pool).build();
    }

    private static String pct(long part, long whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.0f%%", 100.0 * part / whole);
    }
}
