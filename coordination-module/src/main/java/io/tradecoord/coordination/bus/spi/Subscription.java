package io.tradecoord.coordination.bus.spi;

/** A running subscription; closing it stops delivery (in-flight messages finish or are redelivered later). */
public interface Subscription extends AutoCloseable {

    /**
     * Asks the subscription to stop without waiting for it, so that all subscriptions of a module stop at the same
     * time (a Kafka consumer takes a few hundred milliseconds to leave its group); {@link #close()} then waits. The
     * default does nothing: such a subscription stops in {@code close()} alone.
     */
    default void beginClose() {
    }

    @Override
    void close();
}
