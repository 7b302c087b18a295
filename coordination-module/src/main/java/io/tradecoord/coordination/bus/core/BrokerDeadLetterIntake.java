package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Stores the messages the broker dead-lettered on its own for one module in the module's dead-letter table (stage
 * DELIVERY), where they are listed and replayed like every other. While the database cannot take one it keeps
 * trying in place, with the message unacknowledged (the broker keeps it and does not count a redelivery); only after
 * {@link #GIVE_UP_AFTER} it lets the transport deliver it again.
 */
final class BrokerDeadLetterIntake implements DeliveryHandler {

    private static final System.Logger LOG = System.getLogger(BrokerDeadLetterIntake.class.getName());
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

    private final ModuleHost host;

    BrokerDeadLetterIntake(ModuleHost host) {
        this.host = host;
    }

    @Override
    public void handle(Delivery delivery) throws Exception {
        String error = delivery.brokerDeadLetter() + (delivery.envelope() == null ? "; unreadable: " + delivery.unreadableReason() : "");
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        for (long pauseMillis = 200; ; pauseMillis = Math.min(10_000, pauseMillis * 2)) {
            try {
                host.inTransaction((connection, dispatcher) -> {
                    BusTables.appendDeadLetter(connection, host.module(), DeadLetter.Stage.DELIVERY, delivery.envelope(), delivery.rawBody(),
                            0, error, Instant.now());
                    return null;
                });
                LOG.log(Level.WARNING, host.module() + ": " + error + "; it is in the module's dead letters: "
                        + (delivery.envelope() == null ? "(unreadable)" : delivery.envelope().topic() + " " + delivery.envelope().messageId()));
                return;
            } catch (Exception e) {
                if (System.nanoTime() - giveUp > 0) {
                    throw e;
                }
                LOG.log(Level.DEBUG, () -> host.module() + " could not store a broker dead letter yet: " + e);
                TimeUnit.MILLISECONDS.sleep(pauseMillis);
            }
        }
    }
}
