package io.tradecoord.coordination.bus;

import java.time.Instant;

/**
 * An event the bus gave up on, in the module's {@code coordination_dead_letter} table whichever way it died.
 *
 * @param id         the dead letter's own id (for replay)
 * @param module     the consuming module ({@link Stage#DELIVERY}) or the firing module ({@link Stage#PUBLISH})
 * @param stage      where it died
 * @param envelope   the message as received (or as fired), null for a message that could not be read at all
 * @param attempts   delivery attempts made
 * @param error      the last error (exception class and message)
 * @param deadAt     when it was dead-lettered
 * @param replayedAt when it was last replayed, or null
 */
public record DeadLetter(long id, String module, Stage stage, Envelope envelope, int attempts, String error, Instant deadAt,
        Instant replayedAt) {

    /** Where an event died. */
    public enum Stage {
        /** The broker refused it on every publish attempt; a replay puts it back into the outbox. */
        PUBLISH,
        /** The module's observer failed on every attempt, or the message could not be read; a replay delivers it again. */
        DELIVERY
    }
}
