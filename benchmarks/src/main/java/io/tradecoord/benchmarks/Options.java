package io.tradecoord.benchmarks;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line flags of {@link LockBenchmark} ({@code --name=value} or {@code --name value}). */
final class Options extends BaseOptions {

    static final List<String> ALL_GROUPS = List.of("redis", "contended", "zookeeper", "zookeeper-contended");

    int threads = 4;
    Set<String> groups = new LinkedHashSet<>(ALL_GROUPS);
    int extraSubscribers;
    URI redis = URI.create("redis://127.0.0.1:6379");
    String zookeeper = "127.0.0.1:2181";

    private Options() {
        super(60, 2);
    }

    static String usage() {
        return """
                usage: LockBenchmark [flags]
                  --warmup=SECONDS   warm-up per case (default 3)
                  --round=SECONDS    length of one timed round (default 3)
                  --rounds=N         timed rounds per case (default 5)
                  --quick            smoke run: --warmup=0.5 --round=0.5 --rounds=3
                  --threads=N        threads of the contended cases (default 4)
                  --groups=LIST      comma-separated, of: redis, contended, zookeeper, zookeeper-contended (default all)
                  --extra-subscribers=K  K more idle RedisLockProviders on the same release channel, standing in
                                     for the other JVMs of a deployment (default 0)
                  --quiet=PCT        start a timed round only when other processes used < PCT % of one core
                                     in the last 0.5 s, and run a round again if they used more during it
                                     (default 30; 0 = off)
                  --quiet-wait=S     the longest wait for quiet before a round (default 60)
                  --repeats=N        how often a disturbed round is run again at most (default 2)
                  --redis=URI        default redis://127.0.0.1:6379
                  --zookeeper=HOSTS  default 127.0.0.1:2181
                  --out=FILE         also write the Markdown report to FILE
                """;
    }

    static Options parse(String[] args) {
        Options o = new Options();
        o.parseArgs(args);
        return o;
    }

    @Override
    protected void applyQuick() {
        warmupSeconds = 0.5;
        roundSeconds = 0.5;
        rounds = 3;
    }

    @Override
    protected void validate() {
        if (threads < 2) {
            throw new IllegalArgumentException("need --threads >= 2");
        }
    }

    @Override
    protected boolean setOwn(String name, String value) {
        switch (name) {
            case "--threads" -> threads = Integer.parseInt(value);
            case "--extra-subscribers" -> extraSubscribers = Integer.parseInt(value);
            case "--groups" -> groups = list(value, ALL_GROUPS, "group");
            case "--redis" -> redis = URI.create(value);
            case "--zookeeper" -> zookeeper = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    String describe() {
        return String.format("warm-up %s s per case, %d timed rounds x %s s per case, %d threads in the contended cases; "
                        + "%s%s",
                fmt(warmupSeconds), rounds, fmt(roundSeconds), threads, quietRule(),
                extraSubscribers > 0 ? ", " + extraSubscribers + " extra idle subscribers on our release channel" : "");
    }
}
