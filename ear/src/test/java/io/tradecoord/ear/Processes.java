package io.tradecoord.ear;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of the machine (a server's admin tool, a service script) within a time limit. Its output (stdout and
 * stderr together) goes through a file, so a chatty command never blocks on a full pipe and a hung one is still cut off.
 */
public final class Processes {

    /** What a command printed, and whether it exited with 0. */
    public record Outcome(boolean succeeded, String output) {
    }

    private Processes() {
    }

    /**
     * @throws UncheckedIOException  if the command cannot be started
     * @throws IllegalStateException if it did not finish within {@code timeout} (it is killed)
     */
    public static Outcome run(Duration timeout, List<String> command) {
        File output = null;
        try {
            output = File.createTempFile("tradecoord-command", ".out");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Outcome(process.exitValue() == 0, Files.readString(output.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (output != null) {
                output.delete();
            }
        }
    }
}
