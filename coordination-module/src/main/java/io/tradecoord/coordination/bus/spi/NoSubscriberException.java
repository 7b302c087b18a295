package io.tradecoord.coordination.bus.spi;

/**
 * Nobody subscribes to the event's topic: no module on record (in-JVM bus), no queue bound (RabbitMQ). The core
 * decides what that means: shortly after the runtime started, a module of the application may still be deploying,
 * so the event waits (parked) for it; later it is delivered to nobody and leaves the outbox.
 */
public class NoSubscriberException extends UnroutableException {

    public NoSubscriberException(String message) {
        super(message);
    }
}
