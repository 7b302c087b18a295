package io.tradecoord.ear;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server under test administered the way an operator does (docs/operations.md): MicroProfile Config set with
 * jboss-cli ({@code /system-property}) on WildFly and with asadmin ({@code set-config-property --source=domain}) on
 * Payara Server, then the application redeployed. The consoles make these same management calls.
 */
public abstract class ServerAdmin {

    /** What a command printed, and whether it succeeded. */
    public record Outcome(boolean succeeded, String output) {
    }

    public static ServerAdmin current() {
        return switch (System.getProperty("arquillian.launch")) {
            case "wildfly" -> new WildFly(new File(System.getProperty("jboss.home")));
            case "payara-server" -> new PayaraServer(new File(System.getProperty("glassfish.home")));
            default -> throw new IllegalStateException("no admin client for " + System.getProperty("arquillian.launch"));
        };
    }

    public abstract Outcome setConfig(String key, String value);

    public abstract Outcome removeConfig(String key);

    /** Deploys {@code ear} again under the name the test deployment has, so that the test framework can undeploy it. */
    public abstract Outcome redeploy(File ear);

    static Outcome run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 300 s");
            }
            return new Outcome(process.exitValue() == 0, output);
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static final class WildFly extends ServerAdmin {

        private final File cli;

        WildFly(File home) {
            this.cli = new File(home, "bin/jboss-cli.sh");
        }

        @Override
        public Outcome setConfig(String key, String value) {
            removeConfig(key);
            return cli("/system-property=" + key + ":add(value=" + value + ")");
        }

        @Override
        public Outcome removeConfig(String key) {
            return cli("/system-property=" + key + ":remove");
        }

        @Override
        public Outcome redeploy(File ear) {
            return cli("deploy --force " + ear.getAbsolutePath()); // the file's name, tradecoord.ear, is the deployment's
        }

        private Outcome cli(String command) {
            return run(List.of(cli.getPath(), "--connect", "--controller=127.0.0.1:9990", "--command=" + command));
        }
    }

    private static final class PayaraServer extends ServerAdmin {

        private final File asadmin;

        PayaraServer(File home) {
            this.asadmin = new File(home, "bin/asadmin");
        }

        @Override
        public Outcome setConfig(String key, String value) {
            return asadmin("set-config-property", "--propertyName=" + key, "--propertyValue=" + value, "--source=domain");
        }

        @Override
        public Outcome removeConfig(String key) {
            return asadmin("delete-config-property", "--propertyName=" + key, "--source=domain");
        }

        @Override
        public Outcome redeploy(File ear) {
            // deploy --force (not redeploy): also deploys it again after a refused redeploy removed it
            return asadmin("deploy", "--force=true", "--name", "tradecoord", ear.getAbsolutePath());
        }

        private Outcome asadmin(String... arguments) {
            List<String> command = new ArrayList<>(List.of(asadmin.getPath(), "--host", "127.0.0.1", "--port", "4848"));
            command.addAll(List.of(arguments));
            return run(command);
        }
    }
}
