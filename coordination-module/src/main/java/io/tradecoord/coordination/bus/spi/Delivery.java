package io.tradecoord.coordination.bus.spi;

import io.tradecoord.coordination.bus.Envelope;

/**
 * One message handed from a transport to the core.
 *
 * @param envelope         the message, or null if its headers/properties could not be read
 * @param rawBody          the body as received (for dead letters of unreadable messages)
 * @param unreadableReason why {@code envelope} is null
 * @param redelivered      whether the broker says it may have been delivered before
 * @param brokerDeadLetter why the BROKER dead-lettered it (e.g. RabbitMQ's delivery limit), for a delivery of
 *                         {@link BusTransport#subscribeBrokerDeadLetters}; null otherwise
 */
public record Delivery(Envelope envelope, String rawBody, String unreadableReason, boolean redelivered, String brokerDeadLetter) {

    public static Delivery of(Envelope envelope, boolean redelivered) {
        return new Delivery(envelope, envelope.payload(), null, redelivered, null);
    }

    public static Delivery unreadable(String rawBody, String reason) {
        return new Delivery(null, rawBody, reason, false, null);
    }

    /** This delivery as one the broker dead-lettered, and why. */
    public Delivery deadLetteredByTheBroker(String why) {
        return new Delivery(envelope, rawBody, unreadableReason, redelivered, why);
    }
}
