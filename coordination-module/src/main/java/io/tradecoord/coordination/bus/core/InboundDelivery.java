package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.Delivery;
import io.tradecoord.coordination.bus.spi.DeliveryHandler;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import io.tradecoord.coordination.telemetry.MessageTracing;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Applies deliveries of one topic to one module: once, in a transaction with the inbox record, retried in place
 * with backoff while the observer fails ({@code coordination.inbox.max-attempts}). What happens then depends on the
 * failure ({@link Failures}): a permanent one (a constraint, bad data) is dead-lettered at once, without retries; a
 * transient one (a lock or database timeout) is parked in the module's table and tried again later, the later events
 * of its key parked behind it so they keep their order while other keys flow ({@link ParkedDeliveries}); any other
 * is dead-lettered after the last attempt. A message that cannot be read is dead-lettered at once. It returns
 * normally (the transport acknowledges) only when the message was applied, found to be a duplicate, parked, or
 * safely dead-lettered; if even that is impossible (the database is down) it throws and the transport delivers the
 * message again later. A failure while the module is leaving the bus (being undeployed) is the module's, not the
 * event's: it is neither retried nor counted, the handler throws and the message comes again once the module runs.
 */
final class InboundDelivery implements DeliveryHandler {

    private static final System.Logger LOG = System.getLogger(InboundDelivery.class.getName());

    /** What happened to one delivery. */
    enum Outcome { APPLIED, DUPLICATE, PARKED }

    private final ModuleHost host;
    private final Class<?> eventType;
    private final BusTransport transport;
    private final BusSettings settings;
    private final ParkedDeliveries parked;

    InboundDelivery(ModuleHost host, Class<?> eventType, BusTransport transport, BusSettings settings, ParkedDeliveries parked) {
        this.host = host;
        this.eventType = eventType;
        this.transport = transport;
        this.settings = settings;
        this.parked = parked;
    }

    @Override
    public void handle(Delivery delivery) throws Exception {
        if (delivery.envelope() == null) {
            deadLetter(null, delivery.rawBody(), 0, "unreadable message: " + delivery.unreadableReason());
            return;
        }
        Envelope envelope = delivery.envelope();
        int readable = EventTypes.require(eventType).version();
        if (envelope.schemaVersion() > readable) {
            deadLetter(envelope, envelope.payload(), 0, "schema version " + envelope.schemaVersion() + " of topic " + envelope.topic()
                    + " is newer than version " + readable + " that " + eventType.getName() + " reads: deploy the consumer's new"
                    + " contract, then replay");
            return;
        }
        Object event;
        try {
            event = EventTypes.readStrictly(envelope.payload(), eventType);
        } catch (RuntimeException e) {
            deadLetter(envelope, envelope.payload(), 0, "payload does not fit " + eventType.getSimpleName() + ": " + e.getMessage());
            return;
        }
        if (envelope.replay() && host.inTransaction((connection, dispatcher) -> BusTables.laterEventApplied(connection, host.module(), envelope))) {
            deadLetter(envelope, envelope.payload(), 0, "stale replay: " + host.module() + " already applied a later event of key "
                    + envelope.key() + " from " + envelope.sourceModule() + "; applying this one would roll it back. Discard it,"
                    + " or replay it from this module's dead letters even if stale");
            return;
        }
        Instant firstFailure = null;
        for (int attempt = 1; ; attempt++) {
            try {
                applyOnce(envelope, event, true);
                return;
            } catch (Exception e) {
                if (parked.moduleLeaving()) {
                    throw new ModuleLeavingException(host.module() + " is leaving the bus; " + envelope.topic() + " "
                            + envelope.messageId() + " stays unacknowledged and comes again once it runs", e);
                }
                Failures kind = Failures.of(e);
                if (kind == Failures.PERMANENT) {
                    deadLetter(envelope, envelope.payload(), attempt, "permanent failure, not retried: " + describe(e));
                    return;
                }
                firstFailure = firstFailure == null ? Instant.now() : firstFailure;
                if (attempt >= settings.maxAttempts()) {
                    if (kind == Failures.TRANSIENT) {
                        // tried again later from the module's table; the later events of its key wait behind it there
                        parked.park(envelope, attempt, describe(e), firstFailure);
                    } else {
                        deadLetter(envelope, envelope.payload(), attempt, describe(e));
                    }
                    return;
                }
                Duration pause = settings.backoffAfter(attempt);
                int failed = attempt;
                LOG.log(Level.DEBUG, () -> host.module() + " failed to apply " + envelope.topic() + " " + envelope.messageId()
                        + " (attempt " + failed + "), retrying in " + pause.toMillis() + " ms: " + e);
                TimeUnit.MILLISECONDS.sleep(pause.toMillis());
            }
        }
    }

    /**
     * One transaction: skip if the inbox has the message; park it if an earlier event of its key waits for a retry
     * ({@code behindParked}); else fire to the observers and record it.
     */
    Outcome applyOnce(Envelope envelope, Object event, boolean behindParked) throws Exception {
        MessageTracing tracing = CoordinationRuntime.current().telemetry().tracing();
        Outcome outcome = host.inTransaction((connection, dispatcher) -> {
            if (BusTables.alreadyApplied(connection, host.module(), envelope.messageId())) {
                return Outcome.DUPLICATE;
            }
            if (behindParked && parked.mayHoldKeys()
                    && BusTables.keyIsParked(connection, host.module(), envelope.topic(), envelope.key())) {
                Instant now = Instant.now();
                BusTables.park(connection, host.module(), envelope, 0, "waits behind an earlier event of key " + envelope.key(), now, now);
                return Outcome.PARKED;
            }
            tracing.handle(envelope, host.module(), transport.name(), () -> dispatcher.fire(event));
            BusTables.recordApplied(connection, host.module(), envelope, Instant.now());
            return Outcome.APPLIED;
        });
        if (outcome == Outcome.APPLIED) {
            CoordinationRuntime.current().telemetry().metrics().consumed(host.module(), envelope.topic(),
                    Duration.between(envelope.occurredAt(), Instant.now()).toNanos());
        }
        return outcome;
    }

    private void deadLetter(Envelope envelope, String rawBody, int attempts, String error) throws Exception {
        deadLetter(host, transport, envelope, rawBody, attempts, error);
    }

    /** Stores a DELIVERY dead letter of {@code host}'s module, and puts a copy on the broker for operators. */
    static void deadLetter(ModuleHost host, BusTransport transport, Envelope envelope, String rawBody, int attempts, String error)
            throws Exception {
        LOG.log(Level.WARNING, host.module() + " dead-letters " + (envelope == null ? "an unreadable message"
                : envelope.topic() + " " + envelope.messageId()) + " after " + attempts + " attempt(s): " + error);
        host.inTransaction((connection, dispatcher) -> {
            BusTables.appendDeadLetter(connection, host.module(), DeadLetter.Stage.DELIVERY, envelope, rawBody, attempts, error, Instant.now());
            return null;
        });
        CoordinationRuntime.current().telemetry().metrics().deadLettered(host.module(),
                envelope == null ? "unreadable" : envelope.topic(), "delivery");
        if (envelope != null) {
            try {
                transport.deadLetter(host.module(), envelope, error).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the database copy is the one replay uses; the broker copy is for operators
                LOG.log(Level.WARNING, "could not put the dead letter on the broker too: " + e);
            }
        }
    }

    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String outer = e.getClass().getName() + ": " + e.getMessage();
        return root == e ? outer : outer + " (caused by " + root.getClass().getName() + ": " + root.getMessage() + ")";
    }
}
