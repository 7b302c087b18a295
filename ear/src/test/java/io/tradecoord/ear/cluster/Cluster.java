package io.tradecoord.ear.cluster;

import io.tradecoord.ear.Repository;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Two application-server nodes run by scripts/cluster.sh, and the faults a test does to them (kill -9, SIGSTOP,
 * SIGCONT, restart). Whatever a test pauses or kills it brings back, so the next case meets two nodes again.
 */
final class Cluster implements AutoCloseable {

    static final File REPOSITORY = Repository.ROOT;

    final Backends backends;
    final String database;

    private Cluster(Backends backends, String database) {
        this.backends = backends;
        this.database = database;
    }

    /** Starts the nodes; {@code settings} are MicroProfile Config properties (key=value) for every node. */
    static Cluster start(String shape, Backends backends, File ear, String database, List<String> settings) {
        List<String> args = new ArrayList<>(List.of("start", "--shape", shape, "--locks", backends.locks, "--bus", backends.bus,
                "--ear", ear.getPath(), "--db", database));
        for (String setting : settings) {
            args.add("--set");
            args.add(setting);
        }
        Cluster cluster = new Cluster(backends, database);
        try {
            script(Duration.ofMinutes(10), args);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    static String url(int node) {
        return "http://127.0.0.1:" + (8080 + 100 * node);
    }

    void kill(int node) {
        script(Duration.ofSeconds(30), List.of("kill", String.valueOf(node)));
    }

    void pause(int node) {
        script(Duration.ofSeconds(10), List.of("pause", String.valueOf(node)));
    }

    void resume(int node) {
        script(Duration.ofSeconds(10), List.of("resume", String.valueOf(node)));
    }

    void restart(int node) {
        script(Duration.ofMinutes(6), List.of("restart", String.valueOf(node)));
    }

    /** The last lines of a node's server log that report a problem, for a failure message. */
    String problems(int node) {
        File log = new File(script(Duration.ofSeconds(10), List.of("log", String.valueOf(node))).strip());
        try {
            List<String> problems = (log.isFile() ? Files.readAllLines(log.toPath(), StandardCharsets.UTF_8) : List.<String>of()).stream()
                    .filter(line -> line.contains(" ERROR ") || line.contains(" WARN ")).toList();
            return String.join("\n", problems.subList(Math.max(0, problems.size() - 20), problems.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        script(Duration.ofMinutes(3), List.of("stop"));
    }

    private static String script(Duration timeout, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(new File(REPOSITORY, "scripts/cluster.sh").getPath());
        command.addAll(args);
        try {
            File output = File.createTempFile("cluster-", ".log");
            try {
                Process process = new ProcessBuilder(command).directory(REPOSITORY).redirectErrorStream(true)
                        .redirectOutput(output).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout + ":\n"
                            + Files.readString(output.toPath()));
                }
                String text = Files.readString(output.toPath());
                if (!args.get(0).equals("log")) {
                    System.out.print(text);
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + text);
                }
                return text;
            } finally {
                output.delete();
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
