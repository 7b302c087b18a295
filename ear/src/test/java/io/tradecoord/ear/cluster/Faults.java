package io.tradecoord.ear.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The backends taken away under load and brought back. Each fault ends with its service answering again: the
 * services are shared with every later test and with CI.
 */
final class Faults {

    private Faults() {
    }

    /** Redis without persistence shut down and started again: every lock key is gone (a crash of a cache-only Redis). */
    static void restartRedis() {
        run(30, true, "redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
        Trading.await(() -> !run(5, true, "redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").contains("PONG"), "Redis to stop");
        new File("/var/lib/redis").mkdirs();
        new File("/var/log/redis").mkdirs();
        // the way this machine kind runs Redis (scripts/services.sh starts a missing one the same way)
        run(30, false, "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");
        Trading.await(() -> run(5, true, "redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").contains("PONG"), "Redis to answer again");
    }

    /** ZooKeeper (run by scripts/services.sh) stopped and started again; its data directory stays. */
    static void restartZooKeeper() {
        services("stop", "zookeeper");
        services("start", "zookeeper");
    }

    /** Kafka (run by scripts/services.sh) killed with SIGKILL, then started again on its log directory. */
    static void killAndRestartKafka() {
        services("kill", "kafka");
        services("start", "kafka");
    }

    /** RabbitMQ's application stopped (connections closed, the node stays), then started again after {@code seconds}. */
    static void pauseRabbitMq(int seconds) {
        run(120, false, "rabbitmqctl", "stop_app");
        try {
            Trading.sleep(seconds * 1000L);
        } finally {
            run(120, false, "rabbitmqctl", "start_app");
            run(120, false, "rabbitmqctl", "await_startup");
        }
    }

    private static void services(String command, String service) {
        run(300, false, new File(Cluster.REPOSITORY, "scripts/services.sh").getPath(), command, service);
    }

    private static String run(int timeoutSeconds, boolean mayFail, String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0 && !mayFail) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
            }
            return output;
        } catch (IOException e) {
            if (mayFail) {
                return "";
            }
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
