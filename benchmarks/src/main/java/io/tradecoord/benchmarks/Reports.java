package io.tradecoord.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What both benchmarks' reports and main methods share: formats, the header's first lines, flags, clean-up. */
public final class Reports {

    private Reports() {
    }

    /** Parses the flags; on a bad flag or --help prints the message and the usage and exits with 2. */
    public static <T> T parseOrExit(String name, String[] args, Function<String[], T> parse, String usage) {
        try {
            return parse.apply(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(name + ": " + e.getMessage());
            }
            System.err.print(usage);
            System.exit(2);
            return null;
        }
    }

    /** Prints the report on stdout and, with {@code --out}, writes it to that file too. */
    public static void emit(String report, String out) throws IOException {
        System.out.println(report);
        if (out != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(out), report);
        }
    }

    /** Only warnings from the clients' java.util.logging (Kafka's and amqp-client's chatter would bury the progress). */
    public static void quietLogging() {
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }

    /** Runs the clean-ups in reverse order of registration; a failing one is reported, the others still run. */
    public static void cleanUp(List<Runnable> cleanups) {
        for (int i = cleanups.size() - 1; i >= 0; i--) {
            try {
                cleanups.get(i).run();
            } catch (RuntimeException e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    /**
     * The report's title and first header lines: date, machine, and the code measured ({@code -Dbench.git}, set by the
     * run script) with the coordination-module version on the class path.
     */
    public static StringBuilder header(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(title).append("\n\n");
        sb.append("- date: ").append(ZonedDateTime.now()).append('\n');
        sb.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vm.name"))
                .append("), max heap ").append(Runtime.getRuntime().maxMemory() >> 20).append(" MiB\n");
        sb.append("- code: ").append(System.getProperty("bench.git", "?")).append(", coordination-module ")
                .append(mavenVersion("io.tradecoord", "coordination-module")).append('\n');
        return sb;
    }

    /** The version in a jar's Maven metadata on the class path, "?" if absent. */
    public static String mavenVersion(String group, String artifact) {
        try (InputStream in = Reports.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
            if (in == null) {
                return "?";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }

    /** The "Ratios (this run)" table: rows of name, ratio of the medians, per round, target, verdict; then a footnote. */
    public static String ratioTable(List<String[]> ratios, String footnote) {
        if (ratios.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("\n### Ratios (this run)\n\n");
        sb.append("| ratio | of the medians | per round: median (min..max) | target | |\n|---|---:|---:|---|---|\n");
        for (String[] r : ratios) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.append('\n').append(footnote).append('\n').toString();
    }

    /** Per-round ratios a[i] / b[i]: "median (min..max)". */
    public static String perRound(List<Double> a, List<Double> b) {
        List<Double> r = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            r.add(a.get(i) / b.get(i));
        }
        double min = r.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = r.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        return f2(Rounds.median(r)) + " (" + f2(min) + ".." + f2(max) + ")";
    }

    public static String f0(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    public static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
