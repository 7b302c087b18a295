package io.tradecoord.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The command-line flags both benchmarks share ({@code --name=value} or {@code --name value}): round durations, the
 * quiet gate, {@code --quick}, {@code --out}. A benchmark's options add their own flags in {@link #setOwn} (and
 * {@link #setOwnSwitch} for those without a value) and their quick-mode values in {@link #applyQuick}.
 */
public abstract class BaseOptions implements Rounds.QuietRules {

    public double warmupSeconds = 3;
    public double roundSeconds = 3;
    public int rounds = 5;
    public double quietPercent = 30;
    public double quietWaitSeconds;
    public int repeats;
    public boolean quick;
    public String out;

    protected BaseOptions(double quietWaitSeconds, int repeats) {
        this.quietWaitSeconds = quietWaitSeconds;
        this.repeats = repeats;
    }

    /** Sets one of the benchmark's own flags; false if {@code name} is not one of them. */
    protected abstract boolean setOwn(String name, String value);

    /** Sets one of the benchmark's own flags that take no value; false (the default) if {@code name} is not one. */
    protected boolean setOwnSwitch(String name) {
        return false;
    }

    /** What {@code --quick} sets; applied before the other flags, so explicit flags override it whatever their order. */
    protected abstract void applyQuick();

    /** Throws IllegalArgumentException if the values do not fit together. */
    protected abstract void validate();

    /** Parses {@code args} into this; IllegalArgumentException with an empty message for {@code --help}. */
    protected final void parseArgs(String[] args) {
        for (String arg : args) {
            if ("--quick".equals(arg)) {
                quick = true;
                applyQuick();
            }
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
            }
            switch (name) {
                case "--quick" -> {
                    // applied above
                }
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (setOwnSwitch(name)) {
                        continue;
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("missing value for " + name);
                        }
                        value = args[++i];
                    }
                    set(name, value);
                }
            }
        }
        if (warmupSeconds < 0 || roundSeconds <= 0 || rounds < 1) {
            throw new IllegalArgumentException("need --warmup >= 0, --round > 0, --rounds >= 1");
        }
        validate();
    }

    private void set(String name, String value) {
        try {
            switch (name) {
                case "--warmup" -> warmupSeconds = Double.parseDouble(value);
                case "--round" -> roundSeconds = Double.parseDouble(value);
                case "--rounds" -> rounds = Integer.parseInt(value);
                case "--quiet" -> quietPercent = Double.parseDouble(value);
                case "--quiet-wait" -> quietWaitSeconds = Double.parseDouble(value);
                case "--repeats" -> repeats = Integer.parseInt(value);
                case "--out" -> out = value;
                default -> {
                    if (!setOwn(name, value)) {
                        throw new IllegalArgumentException("unknown flag " + name);
                    }
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number for " + name + ": " + value);
        }
    }

    @Override
    public double quietPercent() {
        return quietPercent;
    }

    @Override
    public double quietWaitSeconds() {
        return quietWaitSeconds;
    }

    @Override
    public int repeats() {
        return repeats;
    }

    /** The quiet gate's rules in words, for the report's header. */
    public String quietRule() {
        return quietPercent > 0 ? "a round starts when other processes use < " + fmt(quietPercent) + " % of a core (wait <= "
                + fmt(quietWaitSeconds) + " s) and is run again (<= " + repeats + " times) if they used more during it"
                : "no quiet gate";
    }

    /** A comma-separated list of names, each one of {@code allowed}. */
    protected static Set<String> list(String value, List<String> allowed, String what) {
        Set<String> result = new LinkedHashSet<>();
        for (String part : value.split(",")) {
            String item = part.trim();
            if (!allowed.contains(item)) {
                throw new IllegalArgumentException("unknown " + what + " '" + item + "' (one of " + allowed + ")");
            }
            result.add(item);
        }
        return result;
    }

    public static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
