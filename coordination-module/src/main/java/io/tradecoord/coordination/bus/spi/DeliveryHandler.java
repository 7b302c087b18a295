package io.tradecoord.coordination.bus.spi;

/** Receives deliveries from a transport. */
@FunctionalInterface
public interface DeliveryHandler {

    /**
     * Handles one delivery. Return normally to acknowledge it; throw to have it redelivered later.
     *
     * @param delivery what arrived; its envelope is null when the message could not even be read as an
     *                 envelope (then {@code rawBody} and {@code unreadableReason} say why)
     */
    void handle(Delivery delivery) throws Exception;
}
