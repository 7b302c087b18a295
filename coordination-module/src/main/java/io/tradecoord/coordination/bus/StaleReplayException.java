package io.tradecoord.coordination.bus;

/**
 * A replayed event is older than one the module already applied for the same key: applying it would roll the
 * module's state back. Discard the dead letter, or replay it with {@code evenIfStale} if that is really wanted.
 */
public class StaleReplayException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public StaleReplayException(String message) {
        super(message);
    }
}
