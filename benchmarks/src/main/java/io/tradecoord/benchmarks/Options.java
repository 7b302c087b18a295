package io.tradecoord.benchmarks;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line flags ({@code --name=value} or {@code --name value}). */
final class Options {

    static final List<String> ALL_GROUPS = List.of("redis", "contended", "zookeeper", "zookeeper-contended");

    double warmupSeconds = 3;
    double roundSeconds = 3;
    int rounds = 5;
    int threads = 4;
    Set<String> groups = new LinkedHashSet<>(ALL_GROUPS);
    boolean diagnostics;
    int extraSubscribers;
    double quietPercent = 30;
    double quietWaitSeconds = 60;
    int repeats = 2;
    URI redis = URI.create("redis://127.0.0.1:6379");
    String zookeeper = "127.0.0.1:2181";
    String out;

    static String usage() {
        return """
                usage: LockBenchmark [flags]
                  --warmup=SECONDS   warm-up per case (default 3)
                  --round=SECONDS    length of one timed round (default 3)
                  --rounds=N         timed rounds per case (default 5)
                  --quick            smoke run: --warmup=0.5 --round=0.5 --rounds=3
                  --threads=N        threads of the contended cases (default 4)
                  --groups=LIST      comma-separated, of: redis, contended, zookeeper, zookeeper-contended (default all)
                  --diag             also run the diagnostic cases that split our Redis lock's cost into its parts
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
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
            }
            switch (name) {
                case "--quick" -> {
                    o.warmupSeconds = 0.5;
                    o.roundSeconds = 0.5;
                    o.rounds = 3;
                }
                case "--diag" -> o.diagnostics = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for " + name);
                        }
                        value = args[++i];
                    }
                    o.set(name, value);
                }
            }
        }
        if (o.warmupSeconds < 0 || o.roundSeconds <= 0 || o.rounds < 1 || o.threads < 2) {
            throw new IllegalArgumentException("need --warmup >= 0, --round > 0, --rounds >= 1, --threads >= 2");
        }
        return o;
    }

    private void set(String name, String value) {
        try {
            switch (name) {
                case "--warmup" -> warmupSeconds = Double.parseDouble(value);
                case "--round" -> roundSeconds = Double.parseDouble(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--threads" -> threads = Integer.parseInt(value);
                case "--extra-subscribers" -> extraSubscribers = Integer.parseInt(value);
                case "--quiet" -> quietPercent = Double.parseDouble(value);
                case "--quiet-wait" -> quietWaitSeconds = Double.parseDouble(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--groups" -> {
                    groups = new LinkedHashSet<>();
                    for (String g : value.split(",")) {
                        String group = g.trim();
                        if (!ALL_GROUPS.contains(group)) {
                            throw new IllegalArgumentException("unknown group '" + group + "'");
                        }
                        groups.add(group);
                    }
                }
                case "--redis" -> redis = URI.create(value);
                case "--zookeeper" -> zookeeper = value;
                case "--out" -> out = value;
                default -> throw new IllegalArgumentException("unknown flag " + name);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number for " + name + ": " + value);
        }
    }

    String describe() {
        return String.format("warm-up %s s per case, %d timed rounds x %s s per case, %d threads in the contended cases; "
                        + "%s%s",
                fmt(warmupSeconds), rounds, fmt(roundSeconds), threads,
                quietPercent > 0 ? "a round starts when other processes use < " + fmt(quietPercent) + " % of a core (wait <= "
                        + fmt(quietWaitSeconds) + " s) and is run again (<= " + repeats + " times) if they used more during it"
                        : "no quiet gate",
                extraSubscribers > 0 ? ", " + extraSubscribers + " extra idle subscribers on our release channel" : "");
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
