package io.tradecoord.coordination.bus.spi;

/**
 * The broker accepted the connection but no subscription exists for the event's topic (RabbitMQ returned a
 * mandatory message; the in-JVM bus has no subscriber). Unlike an outage this does not hold up other events:
 * the outbox parks the row with this error and tries it again later.
 */
public class UnroutableException extends BusTransportException {

    public UnroutableException(String message) {
        super(message, null);
    }
}
