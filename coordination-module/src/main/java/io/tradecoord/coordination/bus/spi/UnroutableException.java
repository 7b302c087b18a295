package io.tradecoord.coordination.bus.spi;

/**
 * A subscription of the event's topic exists but cannot take the event now (the in-JVM bus: the subscribing module
 * is not running). Unlike an outage this does not hold up other topics: the outbox parks the row and the later rows
 * of its topic, and tries them again, in order, when the subscriber joins or after the park time.
 */
public class UnroutableException extends BusTransportException {

    public UnroutableException(String message) {
        super(message, null);
    }
}
