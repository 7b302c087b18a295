package io.tradecoord.coordination.bus.spi;

/** A running subscription; closing it stops delivery (in-flight messages finish or are redelivered later). */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
