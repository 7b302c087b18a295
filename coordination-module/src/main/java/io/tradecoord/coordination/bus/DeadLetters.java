package io.tradecoord.coordination.bus;

import java.util.List;

/** The dead letters of the calling module: list them, replay one after fixing the cause. */
public interface DeadLetters {

    /** Newest first, at most {@code limit}, optionally only those not replayed yet. */
    List<DeadLetter> list(int limit, boolean pendingOnly);

    /**
     * Delivers the dead letter to this module's observers again, in a new transaction with the inbox check.
     *
     * @return true if it was applied now (false: it had been applied already, a duplicate)
     * @throws java.util.NoSuchElementException if there is no such dead letter for this module
     * @throws RuntimeException                 whatever the observer throws; the dead letter stays
     */
    boolean replay(long deadLetterId);
}
