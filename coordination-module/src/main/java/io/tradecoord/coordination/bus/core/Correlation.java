package io.tradecoord.coordination.bus.core;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The W3C {@code traceparent} that events fired on this thread carry: the one of the incoming event being
 * handled, one a module set for the request it serves, or a new one.
 */
public final class Correlation {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Correlation() {
    }

    /** The current traceparent, or a new random one ({@code 00-<trace id>-<span id>-01}). */
    public static String currentOrNew() {
        String current = CURRENT.get();
        return current != null ? current : newTraceparent();
    }

    /** Runs {@code work} with {@code traceparent} as the correlation of the events it fires. */
    public static void run(String traceparent, ThrowingRunnable work) throws Exception {
        String previous = CURRENT.get();
        CURRENT.set(traceparent);
        try {
            work.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static String newTraceparent() {
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        RANDOM.nextBytes(trace);
        RANDOM.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    /** A runnable that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }
}
