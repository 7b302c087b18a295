package io.tradecoord.ear.flow;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The application's own warnings from the log of the server under test, for the message of a test that timed out:
 * CI shows that message, not the server's log, and a timeout alone does not say what the server was doing.
 */
final class ServerLog {

    private static final int TAIL_BYTES = 4 << 20;
    private static final int RECORDS = 8;
    private static final int RECORD_CHARS = 400;
    /** A record starts with Payara's "[2026-..." or WildFly's "15:18:35,188 ". */
    private static final Pattern RECORD_START = Pattern.compile("^(\\[\\d{4}-\\d{2}-\\d{2}T|\\d{2}:\\d{2}:\\d{2},\\d{3} )");
    /** The parts of a Payara record header that say nothing here. */
    private static final Pattern PAYARA_NOISE = Pattern.compile("\\[Payara [^]]*] |\\[tid: [^]]*] \\[timeMillis: \\d+] \\[levelValue: \\d+] \\[\\[ ?");
    private static final Pattern PROBLEM = Pattern.compile("\\[(WARNING|SEVERE)]|^\\S+ (WARN|ERROR) ");

    private ServerLog() {
    }

    /** The last few WARNING/ERROR records of our own code (io.tradecoord), one line each, or why there are none. */
    static String recentProblems() {
        Path log = logFile();
        if (log == null || !Files.isReadable(log)) {
            return "(no server log at " + log + ")";
        }
        List<String> problems = new ArrayList<>();
        StringBuilder record = null;
        for (String line : tail(log).split("\n")) {
            if (RECORD_START.matcher(line).find()) {
                keepIfProblem(record, problems);
                record = new StringBuilder();
            }
            if (record != null) {
                record.append(line.strip()).append(' ');
            }
        }
        keepIfProblem(record, problems);
        if (problems.isEmpty()) {
            return "(no WARNING or ERROR from io.tradecoord in " + log + ")";
        }
        List<String> last = problems.subList(Math.max(0, problems.size() - RECORDS), problems.size());
        return "last " + last.size() + " of " + problems.size() + " WARNING/ERROR records of io.tradecoord in " + log + ":\n  "
                + String.join("\n  ", last);
    }

    private static void keepIfProblem(StringBuilder record, List<String> problems) {
        if (record == null) {
            return;
        }
        String text = PAYARA_NOISE.matcher(record).replaceAll("");
        if (text.contains("io.tradecoord") && PROBLEM.matcher(text).find()) {
            problems.add(text.length() > RECORD_CHARS ? text.substring(0, RECORD_CHARS) + "..." : text.strip());
        }
    }

    /** Whether the server log's last {@value #TAIL_BYTES} bytes hold {@code text} (fails when there is no log to read). */
    static boolean mentions(String text) {
        Path log = logFile();
        if (log == null || !java.nio.file.Files.isReadable(log)) {
            throw new AssertionError("no server log to read at " + log);
        }
        return tail(log).contains(text);
    }

    private static Path logFile() {
        if ("payara-server".equals(System.getProperty("arquillian.launch"))) {
            String home = System.getProperty("glassfish.home");
            return home == null ? null : Path.of(home, "glassfish", "domains", "domain1", "logs", "server.log");
        }
        String home = System.getProperty("jboss.home");
        return home == null ? null : Path.of(home, "standalone", "log", "server.log");
    }

    private static String tail(Path log) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
