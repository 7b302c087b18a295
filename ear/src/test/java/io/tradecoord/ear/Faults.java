package io.tradecoord.ear;

import java.io.File;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The backends taken away and brought back. Each test that stops a service starts it again before it ends: the
 * services are shared with every later test and with CI.
 */
public final class Faults {

    private Faults() {
    }

    /** Redis without persistence shut down and started again: every lock key is gone (a crash of a cache-only Redis). */
    public static void restartRedis() {
        stopRedis();
        startRedis();
    }

    public static void stopRedis() {
        run(30, true, "redis-cli", "-h", "127.0.0.1", "-p", "6379", "shutdown", "nosave");
        await(() -> !run(5, true, "redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").contains("PONG"), "Redis to stop");
    }

    /** Starts Redis the way this machine kind runs it (scripts/services.sh starts a missing one the same way). */
    public static void startRedis() {
        new File("/var/lib/redis").mkdirs();
        new File("/var/log/redis").mkdirs();
        run(30, false, "redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "-::1", "--port", "6379", "--save", "",
                "--appendonly", "no", "--dir", "/var/lib/redis", "--logfile", "/var/log/redis/ci.log");
        await(() -> run(5, true, "redis-cli", "-h", "127.0.0.1", "-p", "6379", "ping").contains("PONG"), "Redis to answer again");
    }

    /** ZooKeeper (run by scripts/services.sh) stopped and started again; its data directory stays. */
    public static void restartZooKeeper() {
        services("stop", "zookeeper");
        services("start", "zookeeper");
    }

    /** Kafka (run by scripts/services.sh) killed with SIGKILL, then started again on its log directory. */
    public static void killAndRestartKafka() {
        services("kill", "kafka");
        services("start", "kafka");
    }

    /** Runs {@code scripts/services.sh <command> <service>}, e.g. {@code stop kafka}. */
    public static void services(String command, String service) {
        run(300, false, new File(Repository.ROOT, "scripts/services.sh").getPath(), command, service);
    }

    /** RabbitMQ's application stopped (connections closed, the node stays), then started again after {@code seconds}. */
    public static void pauseRabbitMq(int seconds) {
        stopRabbitMq();
        try {
            sleep(seconds * 1000L);
        } finally {
            startRabbitMq();
        }
    }

    public static void stopRabbitMq() {
        run(120, false, "rabbitmqctl", "stop_app");
    }

    public static void startRabbitMq() {
        run(120, false, "rabbitmqctl", "start_app");
        run(120, false, "rabbitmqctl", "await_startup");
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited 60 s for " + what);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command's output; a failure (not started, or not exit code 0) throws unless {@code mayFail}. */
    private static String run(int timeoutSeconds, boolean mayFail, String... command) {
        Processes.Outcome outcome;
        try {
            outcome = Processes.run(Duration.ofSeconds(timeoutSeconds), List.of(command));
        } catch (UncheckedIOException e) {
            if (mayFail) {
                return "";
            }
            throw e;
        }
        if (!outcome.succeeded() && !mayFail) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + outcome.output());
        }
        return outcome.output();
    }
}
