package io.tradecoord.ear;

import io.tradecoord.ear.Processes.Outcome;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server under test administered the way an operator does (docs/operations.md): MicroProfile Config set with
 * jboss-cli ({@code /system-property}) on WildFly and with asadmin ({@code set-config-property --source=domain}) on
 * Payara Server, then the application redeployed. The consoles make these same management calls.
 */
public abstract class ServerAdmin {

    public static ServerAdmin current() {
        return switch (System.getProperty("arquillian.launch")) {
            case "wildfly" -> new WildFly(new File(System.getProperty("jboss.home")));
            case "payara-server" -> new PayaraServer(new File(System.getProperty("glassfish.home")));
            default -> throw new IllegalStateException("no admin client for " + System.getProperty("arquillian.launch"));
        };
    }

    /**
     * Sets MicroProfile Config properties in the server ({@code null} removes one), then deploys {@code ear} again under
     * the name the test deployment has (so that the test framework can undeploy it), in one session of the tool.
     */
    public abstract Outcome redeployWith(File ear, Map<String, String> settings);

    private static Outcome run(List<String> command) {
        return Processes.run(Duration.ofMinutes(5), command);
    }

    private static final class WildFly extends ServerAdmin {

        private final File cli;
        private final Set<String> set = new HashSet<>();

        WildFly(File home) {
            this.cli = new File(home, "bin/jboss-cli.sh");
        }

        @Override
        public Outcome redeployWith(File ear, Map<String, String> settings) {
            List<String> commands = new ArrayList<>();
            settings.forEach((key, value) -> {
                String property = "/system-property=" + key;
                if (value == null) {
                    commands.add(property + ":remove");
                    set.remove(key);
                } else {
                    commands.add(set.add(key) ? property + ":add(value=" + value + ")" : property + ":write-attribute(name=value, value=" + value + ")");
                }
            });
            commands.add("deploy --force " + ear.getAbsolutePath()); // the file's name, tradecoord.ear, is the deployment's
            return run(List.of(cli.getPath(), "--connect", "--controller=127.0.0.1:9990", "--commands=" + String.join(",", commands)));
        }
    }

    private static final class PayaraServer extends ServerAdmin {

        private final File asadmin;

        PayaraServer(File home) {
            this.asadmin = new File(home, "bin/asadmin");
        }

        @Override
        public Outcome redeployWith(File ear, Map<String, String> settings) {
            List<String> commands = new ArrayList<>();
            settings.forEach((key, value) -> commands.add(value == null
                    ? "delete-config-property --propertyName=" + key + " --source=domain"
                    : "set-config-property --propertyName=" + key + " --propertyValue=" + value + " --source=domain"));
            // deploy --force (not redeploy): also deploys it again after a refused redeploy removed it
            commands.add("deploy --force=true --name tradecoord " + ear.getAbsolutePath());
            try {
                Path file = Files.createTempFile("tradecoord-asadmin", ".txt");
                try {
                    Files.write(file, commands);
                    return run(List.of(asadmin.getPath(), "--host", "127.0.0.1", "--port", "4848", "multimode", "--file", file.toString()));
                } finally {
                    Files.delete(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
