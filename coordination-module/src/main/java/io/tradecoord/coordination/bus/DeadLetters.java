package io.tradecoord.coordination.bus;

import java.util.List;
import java.util.Optional;

/**
 * The dead letters of the calling module, wherever they died (its outbox: stage PUBLISH; its deliveries: stage
 * DELIVERY): list and inspect them, replay one after fixing the cause, or discard it.
 */
public interface DeadLetters {

    /** Newest first, at most {@code limit}, optionally only those not replayed yet. */
    default List<DeadLetter> list(int limit, boolean pendingOnly) {
        return list(0, limit, pendingOnly);
    }

    /** Newest first: {@code limit} (1 to 1000) from {@code offset} on, optionally only those not replayed yet. */
    List<DeadLetter> list(int offset, int limit, boolean pendingOnly);

    /** How many there are, optionally only those not replayed yet. */
    long count(boolean pendingOnly);

    Optional<DeadLetter> find(long deadLetterId);

    /**
     * Replays a dead letter, refusing it if the module already applied a later event of the same key.
     *
     * @see #replay(long, boolean)
     */
    default boolean replay(long deadLetterId) {
        return replay(deadLetterId, false);
    }

    /**
     * A DELIVERY letter is delivered to this module's observers again, in a new transaction with the inbox check; a
     * PUBLISH letter goes back into the outbox (once), keeping its place in the producer's sequence, so that each
     * consumer refuses it if it applied a later event of its key. The letter is marked replayed.
     *
     * @param evenIfStale apply a DELIVERY letter even if a later event of its key was applied (rolls state back)
     * @return true if it was applied now (or put back into the outbox); false if it had been applied already
     * @throws java.util.NoSuchElementException if there is no such dead letter for this module
     * @throws StaleReplayException             if a later event of the same key was applied and not {@code evenIfStale}
     * @throws IllegalStateException            if it cannot be replayed (an unreadable message, a topic no longer observed)
     * @throws RuntimeException                 whatever the observer throws; the dead letter stays
     */
    boolean replay(long deadLetterId, boolean evenIfStale);

    /** Deletes a dead letter for good; false if there was none. */
    boolean discard(long deadLetterId);
}
