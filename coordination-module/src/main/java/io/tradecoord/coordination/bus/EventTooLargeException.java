package io.tradecoord.coordination.bus;

/**
 * An integration event whose JSON is larger than {@code coordination.outbox.max-event-bytes}: thrown where it is
 * fired, so the business transaction fails instead of leaving an event in the outbox that no broker would take.
 */
public class EventTooLargeException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public EventTooLargeException(String message) {
        super(message);
    }
}
