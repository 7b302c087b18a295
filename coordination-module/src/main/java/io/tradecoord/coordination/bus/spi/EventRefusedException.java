package io.tradecoord.coordination.bus.spi;

/**
 * The broker is there but refused THIS event (a RabbitMQ nack, a Kafka record too large or a topic it cannot
 * create), as opposed to an outage, which every event would meet. The outbox retries such an event with backoff a
 * bounded number of times ({@code coordination.outbox.max-attempts}), holding back only the later events of its
 * topic, and then moves it to the dead letters so the rest flows.
 */
public class EventRefusedException extends BusTransportException {

    public EventRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
