package io.tradecoord.coordination.smoke;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes a real service away and brings it back, for fault tests. Whatever a test stops it must start again
 * (in a finally block): the services are shared with every later test and with CI.
 */
public final class ServiceControl {

    private ServiceControl() {
    }

    /** Pauses RabbitMQ's application (the node keeps running) or resumes it and waits until it is ready. */
    public static void rabbitmq(boolean running) throws Exception {
        if (running) {
            run(List.of("rabbitmqctl", "start_app"), 120);
            run(List.of("rabbitmqctl", "await_startup"), 120);
        } else {
            run(List.of("rabbitmqctl", "stop_app"), 120);
        }
    }

    /**
     * Restarts the Redis on 127.0.0.1:6379 without persistence, as a crash or a restart of a Redis that keeps nothing
     * on disk does: every key is gone afterwards. Starts it again the way this machine kind runs it (see
     * scripts/services.sh) and waits until it answers.
     */
    public static void restartRedisLosingEverything() throws Exception {
        run(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave"), 30, true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (listening(6379) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        new File("/var/lib/redis").mkdirs();
        new File("/var/log/redis").mkdirs();
        run(List.of("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log"), 30, false);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                run(List.of("redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping"), 5, false);
                return;
            } catch (IllegalStateException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Redis on 127.0.0.1:6379 did not come back within 20 s after its restart");
    }

    /** Stops or starts the Kafka broker that scripts/services.sh runs (start waits until it is ready). */
    public static void kafka(boolean running) throws Exception {
        File script = repositoryFile("scripts/services.sh");
        run(List.of(script.getPath(), running ? "start" : "stop", "kafka"), 180);
        if (!running && listening(9092)) {
            throw new IllegalStateException("Kafka still listens on 127.0.0.1:9092 after `" + script + " stop kafka`: it was not"
                    + " started by this checkout's scripts/services.sh, so this fault test cannot take it away");
        }
    }

    private static boolean listening(int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static File repositoryFile(String path) {
        for (File dir = new File("").getAbsoluteFile(); dir != null; dir = dir.getParentFile()) {
            File candidate = new File(dir, path);
            if (candidate.isFile()) {
                return candidate;
            }
        }
        throw new IllegalStateException(path + " not found above " + new File("").getAbsolutePath());
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        run(command, timeoutSeconds, false);
    }

    /** {@code mayFail}: a shutdown's connection is closed by the server, which redis-cli reports as an error. */
    private static void run(List<String> command, int timeoutSeconds, boolean mayFail) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0 && !mayFail) {
            throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
        }
    }
}
