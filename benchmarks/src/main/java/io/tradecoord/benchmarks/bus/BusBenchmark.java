package io.tradecoord.benchmarks.bus;

import io.tradecoord.benchmarks.MachineLoad;
import io.tradecoord.benchmarks.Probes;
import io.tradecoord.benchmarks.Reports;
import io.tradecoord.benchmarks.Rounds;
import io.tradecoord.benchmarks.Rounds.BenchmarkFailure;
import io.tradecoord.benchmarks.Rounds.Case;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.bus.kafka.KafkaTransport;
import io.tradecoord.coordination.bus.local.LocalTransport;
import io.tradecoord.coordination.bus.rabbitmq.RabbitMqTransport;
import io.tradecoord.coordination.bus.spi.BusTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Event-bus throughput and latency of the coordination module against the raw clients with the same settings,
 * all measured in one run on one machine:
 * <ol>
 * <li>Kafka publish through {@code KafkaTransport.publish} against a bare idempotent acks=all KafkaProducer;</li>
 * <li>RabbitMQ publish with confirms through {@code RabbitMqTransport.publish} against bare amqp-client
 * asynchronous confirms, both with the same window of unconfirmed messages;</li>
 * <li>the outbox relay, commit to broker confirm, against the bare producer rates of 1 and 2;</li>
 * <li>end-to-end latency from the producer's transaction to the consumer's observer on local, RabbitMQ, Kafka.</li>
 * </ol>
 * Prints a Markdown report on stdout (progress on stderr). Exit code 0 = every operation and check passed; 1 = a
 * failed operation or check (the message says which); 2 = bad flags.
 */
public final class BusBenchmark {

    private final BusOptions options;
    private final BenchEnv env;
    private final MachineLoad load = new MachineLoad(BusBenchmark::isServer);
    private final StringBuilder sections = new StringBuilder();
    private final List<String[]> ratios = new ArrayList<>();
    private String vacuum;
    private String header;

    private BusBenchmark(BusOptions options) {
        this.options = options;
        this.env = new BenchEnv(options);
    }

    public static void main(String[] args) {
        Reports.quietLogging(); // the clients' INFO chatter would bury the progress lines
        BusOptions options = Reports.parseOrExit("BusBenchmark", args, BusOptions::parse, BusOptions.usage());
        BusBenchmark bench = new BusBenchmark(options);
        int exit = 0;
        try {
            Reports.emit(bench.run(), options.out);
        } catch (BenchmarkFailure e) {
            bench.writePartial(e);
            System.err.println();
            System.err.println("BusBenchmark FAILED (run " + bench.env.runId + "): " + e.getMessage());
            if (e.getCause() != null) {
                e.getCause().printStackTrace();
            }
            exit = 1;
        } catch (Throwable e) {
            bench.writePartial(e);
            System.err.println();
            System.err.println("BusBenchmark FAILED (run " + bench.env.runId + "): " + e);
            e.printStackTrace();
            exit = 1;
        } finally {
            Reports.cleanUp(bench.env.cleanups);
        }
        System.exit(exit);
    }

    private String run() throws Exception {
        boolean relay = options.groups.contains("relay");
        boolean latency = options.groups.contains("latency");
        if (relay || latency) {
            System.err.println("BusBenchmark: VACUUM (ANALYZE) of the bus tables before the run ...");
            vacuum = env.createBusTables();
        }
        header = header();
        System.err.println(header);
        boolean kafkaNeeded = options.groups.contains("kafka") || ((relay || latency) && options.backends.contains("kafka"));
        boolean rabbitNeeded = options.groups.contains("rabbitmq") || ((relay || latency) && options.backends.contains("rabbitmq"));
        EventBus kafkaBus = null;
        KafkaTransport kafka = null;
        if (kafkaNeeded) {
            env.kafkaAdmin();
            kafka = new KafkaTransport(env.kafkaSettings);
            kafkaBus = bus(kafka);
        }
        EventBus rabbitBus = null;
        RabbitMqTransport rabbit = null;
        if (rabbitNeeded) {
            env.rabbitAdmin();
            env.cleanups.add(() -> env.deleteExchange(env.rabbitSettings.exchange()));
            env.cleanups.add(() -> env.deleteExchange(env.rabbitSettings.deadExchange()));
            rabbit = new RabbitMqTransport(env.rabbitSettings);
            rabbitBus = bus(rabbit);
        }

        PublishCases.PublishCase kafkaBare = null;
        if (options.groups.contains("kafka")) {
            var bridge = new PublishCases.KafkaBridge(env, kafka, "publish");
            kafkaBare = new PublishCases.KafkaBare(env, "publish");
            List<PublishCases.PublishCase> cases = options.diagnostics
                    ? List.of(bridge, kafkaBare, new PublishCases.KafkaBare(env, "publish", PublishCases.KafkaBare.Hop.PER_RECORD),
                            new PublishCases.KafkaBare(env, "publish", PublishCases.KafkaBare.Hop.BURST))
                    : List.of(bridge, kafkaBare);
            runGroup("1 kafka publish", cases, options.rounds);
            section("1 Kafka publish, pipelined", cases, List.of(
                    "Both: one producer with KafkaTransport's settings (acks=all, enable.idempotence=true, "
                            + "max.in.flight.requests.per.connection=5, linger.ms=1, request.timeout.ms=10000, "
                            + "delivery.timeout.ms=10001, max.block.ms=10000; batch.size 16384 and buffer.memory 32 MiB "
                            + "by default), a topic of " + BenchEnv.PARTITIONS + " partitions, RF 1, each side its own; "
                            + "the same pool of 10,000 envelopes sent in turn (JSON payload " + payloadBytes()
                            + " bytes, keys key-0..key-999, the 7 envelope headers). A round sends for " + BusOptions.fmt(options.roundSeconds)
                            + " s without waiting, then waits for every confirm; records/s = records / (first send .. last confirm).",
                    "1a: `transport.publish(envelope)` and a `whenComplete` on each future (KafkaTransport "
                            + "completes the future in the producer's callback, so it runs on the producer's I/O thread "
                            + "like 1b's callback); 1b: `new ProducerRecord(topic, key, payload)` + the 7 headers + "
                            + "`producer.send(record, callback)`. Checked each round: no send failed, and the topic's end "
                            + "offsets grew by exactly the records sent (" + String.format(Locale.ROOT, "%,d", bridge.timedOps)
                            + " and " + String.format(Locale.ROOT, "%,d", kafkaBare.timedOps) + " timed records).",
                    options.diagnostics ? "1c (--diag): 1b on a topic of its own, but each callback hands the "
                            + "completion of a CompletableFuture to one executor thread and the case's `whenComplete` runs "
                            + "there, as KafkaTransport did before it completed futures in the callback: the cost of that "
                            + "hand-off alone. 1d: the same hand-off, but completions go into a queue that one executor "
                            + "task drains while it is non-empty (order kept): an alternative that was not taken." : ""));
            ratio("1a bridge / 1b bare Kafka producer, records/s", bridge, kafkaBare, ">= 0.8", 0.8, true);
            if (cases.size() > 2) {
                ratio("diag: 1c (bare + per-record executor hop) / 1b bare", cases.get(2), kafkaBare, "", Double.NaN, true);
                ratio("diag: 1a bridge / 1c", bridge, cases.get(2), "", Double.NaN, true);
                ratio("diag: 1d (bare + hand-off in bursts) / 1b bare", cases.get(3), kafkaBare, "", Double.NaN, true);
            }
        }

        PublishCases.PublishCase rabbitBare = null;
        if (options.groups.contains("rabbitmq")) {
            var bridge = new PublishCases.RabbitBridge(env, rabbit, "publish");
            rabbitBare = new PublishCases.RabbitBare(env, "publish");
            List<PublishCases.PublishCase> cases = options.diagnostics
                    ? List.of(bridge, rabbitBare, new PublishCases.RabbitBare(env, "publish", true)) : List.of(bridge, rabbitBare);
            runGroup("2 rabbitmq publish", cases, options.rounds);
            section("2 RabbitMQ publish with confirms, pipelined", cases, List.of(
                    "Both: persistent (delivery mode 2), mandatory, the same properties (message id, timestamp, type, "
                            + "content type, the 7 envelope headers) and body (" + payloadBytes() + " bytes), to a durable "
                            + "topic exchange with " + env.rabbitSettings.partitions() + " quorum queues bound `<topic>.p<i>` "
                            + "(the arguments the transport's Topology gives a partition queue; nobody consuming), routed "
                            + "to partition hash(key) mod " + env.rabbitSettings.partitions() + "; at most " + options.window
                            + " unconfirmed (a semaphore). Queues purged after every round.",
                    "2a: `transport.publish(envelope)` (one confirm-mode channel behind a lock, ConfirmTracker, futures "
                            + "completed on the transport's completion thread) + `whenComplete`; 2b: one channel of its own "
                            + "connection, `basicPublish(..., mandatory=true, ...)`, a ConfirmListener handling `multiple` "
                            + "over a ConcurrentSkipListMap of outstanding sequence numbers. Checked each round: no nack, "
                            + "no return, no failed future, and the queues held exactly the messages sent ("
                            + String.format(Locale.ROOT, "%,d", bridge.timedOps) + " and "
                            + String.format(Locale.ROOT, "%,d", rabbitBare.timedOps) + " timed messages).",
                    options.diagnostics ? "2c (--diag): 2b with its own exchange and queues, but each confirmed message "
                            + "completes a CompletableFuture on one executor thread, as ConfirmTracker does: the cost of "
                            + "that hand-off alone." : ""));
            ratio("2a bridge / 2b bare amqp-client, msgs/s", bridge, rabbitBare, ">= 0.8", 0.8, true);
            if (cases.size() > 2) {
                ratio("diag: 2c (bare + per-message executor hop) / 2b bare", cases.get(2), rabbitBare, "", Double.NaN, true);
                ratio("diag: 2a bridge / 2c", bridge, cases.get(2), "", Double.NaN, true);
            }
        }

        if (relay) {
            List<RelayCase> all = new ArrayList<>();
            if (options.backends.contains("kafka")) {
                String topic = "relay";
                String kafkaTopic = env.kafkaSettings.kafkaTopic(topic);
                kafka.publish(BenchEnv.envelope(topic, env.prefix + "-relay-setup", 0, 0)).get(30, TimeUnit.SECONDS);
                RelayCase.Broker broker = expected -> env.endOffsets(kafkaTopic, BenchEnv.PARTITIONS);
                List<RelayCase> cases = List.of(
                        new RelayCase(env, "3a", kafkaBus, "kafka", topic, RelayCase.Mode.LIVE, broker),
                        new RelayCase(env, "3b", kafkaBus, "kafka", topic, RelayCase.Mode.DRAIN, broker));
                var pairedBare = new PublishCases.KafkaBare(env, "relay-paired");
                runRelayGroup("3 outbox relay, kafka", cases, pairedBare);
                all.addAll(cases);
                ratio("3b relay drain (Kafka) / 1b bare Kafka producer, rounds interleaved in group 3 (bare median "
                        + Reports.f0(pairedBare.medianRate()) + "/s)", cases.get(1), pairedBare, ">= 0.5", 0.5, true);
                if (kafkaBare != null) {
                    ratio("3a relay live (Kafka) / 1b bare Kafka producer", cases.get(0), kafkaBare, "(writers' rate)", Double.NaN, false);
                    ratio("3b relay drain (Kafka) / 1b of group 1, minutes apart", cases.get(1), kafkaBare, "(reference)", Double.NaN, false);
                }
            }
            if (options.backends.contains("rabbitmq")) {
                String topic = "relay";
                List<String> queues = env.declarePartitionQueues(env.rabbitSettings.exchange(), env.rabbitSettings.deadExchange(),
                        env.prefix + "-relaysink", topic);
                RelayCase.Broker broker = new RelayCase.Broker() {
                    @Override
                    public long count(long expected) throws Exception {
                        return env.queueDepth(queues, expected);
                    }

                    @Override
                    public void afterRound() throws Exception {
                        env.purge(queues);
                    }
                };
                List<RelayCase> cases = List.of(
                        new RelayCase(env, "3c", rabbitBus, "rabbitmq", topic, RelayCase.Mode.LIVE, broker),
                        new RelayCase(env, "3d", rabbitBus, "rabbitmq", topic, RelayCase.Mode.DRAIN, broker));
                var pairedBare = new PublishCases.RabbitBare(env, "relay-paired");
                runRelayGroup("3 outbox relay, rabbitmq", cases, pairedBare);
                all.addAll(cases);
                ratio("3d relay drain (RabbitMQ) / 2b bare amqp-client, rounds interleaved in group 3 (bare median "
                        + Reports.f0(pairedBare.medianRate()) + "/s)", cases.get(1), pairedBare, ">= 0.5", 0.5, true);
                if (rabbitBare != null) {
                    ratio("3c relay live (RabbitMQ) / 2b bare amqp-client", cases.get(0), rabbitBare, "(writers' rate)", Double.NaN, false);
                    ratio("3d relay drain (RabbitMQ) / 2b of group 2, minutes apart", cases.get(1), rabbitBare, "(reference)", Double.NaN, false);
                }
            }
            if (!all.isEmpty()) {
                relaySection(all);
            }
        }

        if (latency) {
            List<LatencyRun> runs = new ArrayList<>();
            for (String backend : options.backends) {
                TimedTransport timed = new TimedTransport(switch (backend) {
                    case "kafka" -> kafka;
                    case "rabbitmq" -> rabbit;
                    default -> new LocalTransport();
                });
                LatencyRun run = new LatencyRun(env, bus(timed), timed, backend, "latency");
                run.run(load);
                runs.add(run);
            }
            latencySection(runs);
        }
        return header + sections + ratioTable();
    }

    /** With --out: what was measured before a failure, to FILE.partial, marked as failed (never a valid report). */
    private void writePartial(Throwable failure) {
        if (options.out == null || header == null) {
            return;
        }
        try {
            Files.writeString(Path.of(options.out + ".partial"), header + sections + ratioTable()
                    + "\n**This run FAILED and is incomplete:** " + failure + "\n");
            System.err.println("BusBenchmark: the groups measured before the failure are in " + options.out + ".partial");
        } catch (IOException | RuntimeException e) {
            System.err.println("BusBenchmark: could not write " + options.out + ".partial: " + e);
        }
    }

    /** {@link Rounds#runGroup} with this run's rules, every case measuring the CPU time of this JVM and of the servers. */
    private void runGroup(String title, List<? extends Case> cases, int rounds) throws Exception {
        for (Case c : cases) {
            c.probe(CPU_PROBES);
        }
        Rounds.runGroup(title, cases, rounds, options, load);
    }

    private static final List<Rounds.Probe> CPU_PROBES = List.of(Probes.jvmCpu(),
            MachineLoad.processCpu("Kafka CPU", BusBenchmark::isKafka),
            MachineLoad.processCpu("RabbitMQ CPU", BusBenchmark::isRabbitMq),
            MachineLoad.processCpu("PostgreSQL CPU", BusBenchmark::isPostgres));

    /** JVM / Kafka / RabbitMQ / PostgreSQL CPU microseconds per timed message, event or row. */
    private static String cpu(Case c) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < c.probes.size(); i++) {
            sb.append(i == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f", c.probePerOp(i)));
        }
        return sb.toString();
    }

    private static final String CPU_COLUMN = " CPU us per message: JVM / Kafka / RabbitMQ / PostgreSQL |";

    /**
     * The relay cases with the bare client once more, its rounds interleaved with theirs: a ratio per pair of rounds
     * taken seconds apart, not across the minutes between group 1 or 2 and group 3.
     */
    private void runRelayGroup(String name, List<RelayCase> cases, Case pairedBare) throws Exception {
        List<Case> group = new ArrayList<>(cases);
        group.add(pairedBare);
        runGroup(name, group, options.relayRounds);
    }

    private EventBus bus(BusTransport transport) {
        EventBus bus = new EventBus(transport, env.settings);
        env.cleanups.add(bus::close);
        return bus;
    }

    // ------------------------------------------------------------------ report

    private static int payloadBytes() {
        return BenchEnv.envelope("t", "m", 123, 1_234_567_890_123L).payload().length();
    }

    private void section(String title, List<? extends Case> cases, List<String> notes) {
        StringBuilder sb = sections;
        sb.append("\n### ").append(title).append("\n\n");
        sb.append("| case | rate median (min..max) | latency measured | p50 / p99 ms | timed |" + CPU_COLUMN
                + " other load %, median (rounds run again) |\n");
        sb.append("|---|---:|---|---:|---:|---:|---:|\n");
        for (Case c : cases) {
            sb.append("| ").append(c.id).append(' ').append(c.label).append(" | ")
                    .append(Reports.f0(c.medianRate())).append(" (").append(Reports.f0(c.minRate())).append("..").append(Reports.f0(c.maxRate()))
                    .append(") ").append(c.unit).append("/s | ").append(c.latencyMeasured).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f / %.2f", c.latency.getValueAtPercentile(50) / 1e6,
                            c.latency.getValueAtPercentile(99) / 1e6))
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", c.timedOps)).append(" | ").append(cpu(c)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f (%d)", Rounds.median(c.foreignPercents), c.repeatedRounds))
                    .append(" |\n");
        }
        sb.append('\n');
        for (String note : notes) {
            if (!note.isEmpty()) {
                sb.append("- ").append(note).append('\n');
            }
        }
    }

    private void relaySection(List<RelayCase> cases) {
        StringBuilder sb = sections;
        sb.append("\n### 3 Outbox relay, commit to broker confirm\n\n");
        sb.append("| case | events/s median (min..max) | measured | writers' rate, median | live: relay rate / writers' rate; "
                + "last commit → last row deleted, medians | share of the round in SELECT "
                + "(relay thread) / DELETE (settler thread), median | timed events |" + CPU_COLUMN.replace("message", "event")
                + " other load %, median (rounds run again) |\n");
        sb.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
        for (RelayCase c : cases) {
            sb.append("| ").append(c.id).append(' ').append(c.label).append(" | ")
                    .append(Reports.f0(c.medianRate())).append(" (").append(Reports.f0(c.minRate())).append("..").append(Reports.f0(c.maxRate()))
                    .append(") | ").append(c.latencyMeasured).append(" | ").append(c.writerRate()).append(" | ")
                    .append(c.keepingUp()).append(" | ")
                    .append(c.breakdown()).append(" | ").append(String.format(Locale.ROOT, "%,d", c.timedOps)).append(" | ")
                    .append(cpu(c)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f (%d)", Rounds.median(c.foreignPercents), c.repeatedRounds))
                    .append(" |\n");
        }
        sb.append('\n');
        sb.append("- A round = a new producer module (JDBC on PostgreSQL, like the conformance suite's JdbcModuleHost, "
                + "pooled connections) writing " + String.format(Locale.ROOT, "%,d", options.relayEvents) + " events ("
                + payloadBytes() + "-byte JSON, keys key-0..key-999) with `EventBus.append` in transactions of "
                + options.txSize + " from " + options.writers + " thread(s); live: `bus.committed(module)` after each "
                + "commit while the relay runs; drain: all written before the module joins. First round of each case "
                + "(" + String.format(Locale.ROOT, "%,d", options.relayWarmupEvents) + " events) untimed.\n");
        sb.append("- The end of a round is the commit of the relay's DELETE transaction for the last row, seen by the "
                + "module host (the relay thread selects a batch and publishes it; its settler thread waits for the "
                + "batch's confirms and deletes the confirmed rows in one transaction, while the relay thread selects "
                + "and publishes the next batch); the SELECT / DELETE columns are the time each thread spent inside "
                + "those transactions, as a share of the round (they overlap). Checked every round: no row left in the "
                + "outbox, and the broker count grew by exactly the events written, so none was published twice "
                + "(Kafka end offsets; RabbitMQ: " + env.rabbitSettings.partitions() + " quorum queues "
                + "bound as a subscriber's, nobody consuming, purged after the round).\n");
    }

    private void latencySection(List<LatencyRun> runs) {
        StringBuilder sb = sections;
        sb.append("\n### 4 End-to-end latency, producer transaction to consumer observer\n\n");
        sb.append("| backend | timed events | rate achieved | p50 ms | p90 ms | p99 ms | max ms | of which: producer tx "
                + "(insert + commit) p50 / p99 ms | fired → relay hands it to the transport p50 / p99 ms | fired → "
                + "broker confirm p50 / p99 ms | fired → a bare KafkaConsumer got it p50 / p99 ms | other load % (runs again) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencyRun r : runs) {
            sb.append("| ").append(r.backend).append(" | ").append(String.format(Locale.ROOT, "%,d", r.timedEvents))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f/s", r.achievedRate))
                    .append(String.format(Locale.ROOT, " | %.2f | %.2f | %.2f | %.2f | %s | %s | %s | %s | %.0f (%d) |%n",
                            r.latency.getValueAtPercentile(50) / 1e6, r.latency.getValueAtPercentile(90) / 1e6,
                            r.latency.getValueAtPercentile(99) / 1e6, r.latency.getMaxValue() / 1e6,
                            p50p99(r.producerTx), p50p99(r.toPublish), p50p99(r.toConfirm),
                            r.bareConsumer.getTotalCount() == 0 ? "-" : p50p99(r.bareConsumer), r.foreignPercent, r.repeated));
        }
        sb.append('\n');
        sb.append("- Per backend a producer and a consumer module (JDBC on PostgreSQL) on one EventBus; the producer "
                + "writes ONE event per transaction at " + options.latencyRate + " events/s on a fixed schedule and calls "
                + "`bus.committed`; the consumer's observer (inside its inbox transaction, " + env.settings.consumerThreads()
                + " consumer threads) takes `System.nanoTime()` minus the event's `firedNanos`, taken just before the "
                + "producer's transaction began (same JVM). So latency = producer insert + commit + relay wake-up + "
                + "SELECT + publish + broker + delivery + the consumer's inbox check, up to the observer call. "
                + BusOptions.fmt(options.latencyWarmupSeconds) + " s of warm-up events first, all awaited, and on "
                + "Kafka until the consumer group is STABLE with each of its " + env.settings.consumerThreads()
                + " consumers owning a partition (Admin.describeConsumerGroups), then " + BusOptions.fmt(options.latencySeconds) + " s timed.\n");
        sb.append("- The two middle columns come from a pass-through transport around the real one (case 4 only): when the "
                + "relay called `publish` for the event, and when its future completed (on local that is after every "
                + "subscriber applied it, so later than the observer).\n");
        sb.append("- Checked: every event observed exactly once (distinct sequence numbers = observer calls = events sent), "
                + "the consumer's inbox has one row per event, no dead letter, the producer's outbox drained.\n");
    }

    private void ratio(String name, Case a, Case b, String target, double threshold, boolean paired) {
        double median = a.medianRate() / b.medianRate();
        String perRound = paired ? Reports.perRound(a.rates, b.rates) : "-";
        ratios.add(new String[] {name, Reports.f2(median), perRound, target,
                Double.isNaN(threshold) ? "" : median >= threshold ? "met" : "**missed**"});
    }

    private String ratioTable() {
        return Reports.ratioTable(ratios, "Per-round ratios pair round r of both cases of a group (interleaved, seconds "
                + "apart). The relay target is read on the drain variant against the bare client run again inside group 3, "
                + "rounds interleaved: events/s from commit to broker confirm with committed rows waiting, the relay's own "
                + "capacity. The relay rows against group 1 or 2 (minutes apart; the bare producer's rate here moves by up to "
                + "2x in that time) are for reference. A live round can go no faster than its writers commit (one INSERT per event; see the "
                + "live column relay rate / writers' rate), so its ratio to the bare producer measures the writers.");
    }

    private String header() {
        StringBuilder sb = Reports.header("Event bus benchmark run " + env.runId);
        sb.append("- clients: kafka-clients ").append(AppInfoParser.getVersion())
                .append(", amqp-client ").append(Reports.mavenVersion("com.rabbitmq", "amqp-client"))
                .append(", pgjdbc ").append(org.postgresql.util.DriverInfo.DRIVER_VERSION)
                .append(", yasson ").append(Reports.mavenVersion("org.eclipse", "yasson"))
                .append(", HdrHistogram ").append(Reports.mavenVersion("org.hdrhistogram", "HdrHistogram")).append('\n');
        sb.append("- servers: kafka at ").append(options.kafka).append(" (broker version not queried)")
                .append(", rabbitmq ").append(env.rabbitVersion()).append(" at ").append(env.rabbitSettings.uriForDisplay())
                .append(", postgresql ").append(env.postgresInfo()).append(" at ").append(options.postgresUrl).append('\n');
        sb.append("- bus settings: ").append(env.settings).append("; ").append(env.kafkaSettings).append("; ")
                .append(env.rabbitSettings).append('\n');
        if (vacuum != null) {
            sb.append("- database: ").append(vacuum).append('\n');
        }
        sb.append("- other load: CPU of every process but this JVM and the server processes (Kafka, RabbitMQ, "
                + "PostgreSQL) found, from /proc, in % of one core").append(load.available() ? "" : " (not available here: no gate)")
                .append('\n');
        sb.append("- CPU columns: the growth of this JVM's CPU time (all its threads) and of the CPU time (user + system) of the "
                + "Kafka, RabbitMQ and PostgreSQL processes (every backend, whoever it serves) over the measured part of the "
                + "timed rounds, divided by the timed messages (events, rows); /proc has a 10 ms resolution\n");
        sb.append("- method: ").append(options.describe()).append("; rounds of a group interleaved (order rotated each round)")
                .append("; groups: ").append(String.join(", ", options.groups)).append("; backends: ")
                .append(String.join(", ", options.backends)).append('\n');
        return sb.toString();
    }

    private static String p50p99(org.HdrHistogram.Histogram h) {
        return String.format(Locale.ROOT, "%.2f / %.2f", h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
    }

    /**
     * The servers this benchmark measures, not "other load": Kafka (kafka.Kafka), RabbitMQ (the Erlang VM beam.smp
     * running rabbit, its epmd) and every PostgreSQL process (postmaster and the backends of all connections: a backend
     * serving another program counts as a server too, which makes the gate a little looser).
     */
    static boolean isServer(String cmdline) {
        return isKafka(cmdline) || isRabbitMq(cmdline) || isPostgres(cmdline);
    }

    static boolean isKafka(String cmdline) {
        return cmdline.contains(" kafka.Kafka ");
    }

    static boolean isRabbitMq(String cmdline) {
        return (cmdline.contains("beam.smp") && cmdline.contains("rabbit")) || cmdline.contains("/epmd");
    }

    static boolean isPostgres(String cmdline) {
        return cmdline.startsWith("/usr/lib/postgresql/") || cmdline.startsWith("postgres:");
    }
}
