package io.tradecoord.benchmarks.bus;

import io.tradecoord.benchmarks.BaseOptions;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Command-line flags of {@link BusBenchmark} ({@code --name=value} or {@code --name value}). */
final class BusOptions extends BaseOptions {

    static final List<String> ALL_GROUPS = List.of("kafka", "rabbitmq", "relay", "latency");
    static final List<String> ALL_BACKENDS = List.of("local", "rabbitmq", "kafka");

    boolean diagnostics;
    int window = 1_000;
    int relayEvents = 100_000;
    int relayWarmupEvents = 20_000;
    int relayRounds = 3;
    int batch = io.tradecoord.coordination.bus.core.BusSettings.defaults().batchSize();
    int txSize = 100;
    int writers = 2;
    int latencyRate = 200;
    double latencyWarmupSeconds = 3;
    double latencySeconds = 10;
    Set<String> groups = new LinkedHashSet<>(ALL_GROUPS);
    Set<String> backends = new LinkedHashSet<>(ALL_BACKENDS);
    String kafka = "127.0.0.1:9092";
    URI rabbitmq = URI.create("amqp://guest:guest@127.0.0.1:5672/%2F");
    String postgresUrl = "jdbc:postgresql://127.0.0.1:5432/test";
    String postgresUser = "postgres";

    private BusOptions() {
        super(30, 1);
    }

    static String usage() {
        return """
                usage: BusBenchmark [flags]
                  --quick              smoke run (< 2 min): --warmup=1 --round=1 --rounds=3 --relay-events=5000
                                       --relay-warmup-events=2000 --relay-rounds=2 --latency-warmup=2 --latency-seconds=3
                  --warmup=SECONDS     publish cases (1, 2): warm-up per case (default 3)
                  --round=SECONDS      publish cases: how long one timed round keeps sending (default 3)
                  --rounds=N           publish cases: timed rounds per case (default 5)
                  --window=N           RabbitMQ cases: most unconfirmed messages in flight (default 1000)
                  --relay-events=N     relay case (3): events per timed round (default 100000: a Kafka drain of
                                       20000 took 0.2-0.4 s, where the pipeline's start and end weighed)
                  --relay-warmup-events=N  relay case: events of the untimed first round (default 20000: the relay's code
                                       paths must be compiled by the JIT like the publish cases' 3 s warm-up)
                  --relay-rounds=N     relay case: timed rounds per variant (default 3)
                  --batch=N            relay cases: coordination.outbox.batch-size of the relay (default: the library's, 1000)
                  --tx=N               relay case: events per producer transaction (default 100)
                  --writers=N          relay case: producer threads writing the outbox at once (default 2)
                  --rate=N             latency case (4): events per second, one per transaction (default 200)
                  --latency-warmup=S   latency case: untimed seconds first (default 3)
                  --latency-seconds=S  latency case: timed seconds per backend (default 10)
                  --diag               also run the diagnostics: the cost of a per-record hand-off (1c, 1d, 2c)
                  --groups=LIST        comma-separated, of: kafka, rabbitmq, relay, latency (default all)
                  --backends=LIST      relay and latency cases: of local, rabbitmq, kafka (default all; the relay
                                       case runs on rabbitmq and kafka only)
                  --quiet=PCT          start a timed round only when other processes (not this JVM, Kafka, RabbitMQ,
                                       PostgreSQL) used < PCT % of one core in the last 0.5 s, and run a round
                                       again if they used more during it (default 30; 0 = off)
                  --quiet-wait=S       the longest wait for quiet before a round (default 30)
                  --repeats=N          how often a disturbed round is run again at most (default 1)
                  --kafka=HOST:PORT    default 127.0.0.1:9092
                  --rabbitmq=URI       default amqp://guest:guest@127.0.0.1:5672/%2F
                  --postgres=JDBC_URL  default jdbc:postgresql://127.0.0.1:5432/test (user --postgres-user, default postgres)
                  --out=FILE           also write the Markdown report to FILE
                """;
    }

    static BusOptions parse(String[] args) {
        BusOptions o = new BusOptions();
        o.parseArgs(args);
        return o;
    }

    @Override
    protected void applyQuick() {
        warmupSeconds = 1;
        roundSeconds = 1;
        rounds = 3;
        relayEvents = 5_000;
        relayWarmupEvents = 2_000;
        relayRounds = 2;
        latencyWarmupSeconds = 2;
        latencySeconds = 3;
    }

    @Override
    protected void validate() {
        if (window < 1 || relayEvents < 1 || relayRounds < 1 || batch < 1 || txSize < 1 || writers < 1 || latencyRate < 1
                || latencySeconds <= 0 || latencyWarmupSeconds <= 0 || relayWarmupEvents < 1) {
            throw new IllegalArgumentException("need --latency-warmup > 0 and positive --window, --relay-events, "
                    + "--relay-warmup-events, --relay-rounds, --batch, --tx, --writers, --rate, --latency-seconds");
        }
    }

    @Override
    protected boolean setOwnSwitch(String name) {
        if ("--diag".equals(name)) {
            diagnostics = true;
            return true;
        }
        return false;
    }

    @Override
    protected boolean setOwn(String name, String value) {
        switch (name) {
            case "--window" -> window = Integer.parseInt(value);
            case "--relay-events" -> relayEvents = Integer.parseInt(value);
            case "--relay-warmup-events" -> relayWarmupEvents = Integer.parseInt(value);
            case "--relay-rounds" -> relayRounds = Integer.parseInt(value);
            case "--batch" -> batch = Integer.parseInt(value);
            case "--tx" -> txSize = Integer.parseInt(value);
            case "--writers" -> writers = Integer.parseInt(value);
            case "--rate" -> latencyRate = Integer.parseInt(value);
            case "--latency-warmup" -> latencyWarmupSeconds = Double.parseDouble(value);
            case "--latency-seconds" -> latencySeconds = Double.parseDouble(value);
            case "--groups" -> groups = list(value, ALL_GROUPS, "group");
            case "--backends" -> backends = list(value, ALL_BACKENDS, "backend");
            case "--kafka" -> kafka = value;
            case "--rabbitmq" -> rabbitmq = URI.create(value);
            case "--postgres" -> postgresUrl = value;
            case "--postgres-user" -> postgresUser = value;
            default -> {
                return false;
            }
        }
        return true;
    }

    String describe() {
        return String.format("%spublish cases: warm-up %s s per case, %d timed rounds x %s s of sending per case (then the "
                        + "wait for the last confirm); relay: %d + %d timed rounds x %,d events per variant, %d writer "
                        + "thread(s), %d events per transaction; latency: %d events/s, %s s warm-up + %s s timed per backend; %s",
                quick ? "QUICK mode; " : "", fmt(warmupSeconds), rounds, fmt(roundSeconds), 1, relayRounds, relayEvents,
                writers, txSize, latencyRate, fmt(latencyWarmupSeconds), fmt(latencySeconds), quietRule());
    }
}
