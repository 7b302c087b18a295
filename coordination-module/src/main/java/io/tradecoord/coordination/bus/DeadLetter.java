package io.tradecoord.coordination.bus;

import java.time.Instant;

/**
 * A delivery a module gave up on: its observer failed on every attempt, or the payload could not be read.
 *
 * @param id         the dead letter's own id (for replay)
 * @param module     the consuming module
 * @param envelope   the message as received
 * @param attempts   delivery attempts made
 * @param error      the last error (exception class and message)
 * @param deadAt     when it was dead-lettered
 * @param replayedAt when it was last replayed, or null
 */
public record DeadLetter(long id, String module, Envelope envelope, int attempts, String error, Instant deadAt, Instant replayedAt) {
}
