package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.core.BusTables.ParkedRow;
import io.tradecoord.coordination.bus.spi.BusTransport;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One module's deliveries that failed for a passing reason (a lock or database timeout), kept in its
 * {@code coordination_retry} table instead of holding up their partition: the broker's message is acknowledged, later
 * events of the same topic and key are parked behind it (their order holds), other keys flow.
 * <p>
 * The relay that holds the module's lease retries the first parked delivery of each key at every sweep once it is
 * due, with backoff, and on success goes on with the next ones of that key at once. A delivery still failing after
 * {@code coordination.inbox.retry-for-ms}, or failing permanently, is dead-lettered and the next of its key goes.
 * Every node looks at the table once per sweep: while the module has nothing parked, a delivery does not ask.
 * A node that takes over a partition while another node parked events of it sees them within a sweep.
 */
final class ParkedDeliveries {

    private static final System.Logger LOG = System.getLogger(ParkedDeliveries.class.getName());
    private static final int HEADS_PER_SWEEP = 100;

    private final ModuleHost host;
    private final BusTransport transport;
    private final BusSettings settings;
    /** True while the module may have parked deliveries: then each delivery asks whether its key is parked. */
    private volatile boolean mayHoldKeys = true;
    /** Parks begun and parks ended (committed or failed), under this object's monitor: see {@link #refresh()}. */
    private long parksBegun;
    private long parksEnded;
    private final BooleanSupplier moduleLeaving;

    /** @param moduleLeaving true once the module started to leave the bus: failures from then on are not its events' */
    ParkedDeliveries(ModuleHost host, BusTransport transport, BusSettings settings, BooleanSupplier moduleLeaving) {
        this.host = host;
        this.transport = transport;
        this.settings = settings;
        this.moduleLeaving = moduleLeaving;
    }

    boolean moduleLeaving() {
        return moduleLeaving.getAsBoolean();
    }

    boolean mayHoldKeys() {
        return mayHoldKeys;
    }

    /** Parks a delivery whose in-place attempts failed for a passing reason. */
    void park(Envelope envelope, int attempts, String error, Instant firstFailure) throws Exception {
        synchronized (this) {
            parksBegun++;
            mayHoldKeys = true;
        }
        Instant retryAt = Instant.now().plus(settings.backoffAfter(attempts));
        try {
            host.inTransaction((connection, dispatcher) -> {
                BusTables.park(connection, host.module(), envelope, attempts, error, firstFailure, retryAt);
                return null;
            });
        } finally {
            synchronized (this) {
                parksEnded++;
            }
        }
        LOG.log(Level.WARNING, host.module() + " parks " + envelope.topic() + " " + envelope.messageId() + " (key " + envelope.key()
                + ") after " + attempts + " attempt(s) for a retry, the later events of its key wait behind it: " + error);
    }

    /**
     * Every sweep, on every node: whether deliveries must ask for parked keys. The table says "none" only for parks that
     * had committed when its query began; a park under way then, or begun since, keeps the deliveries asking (else the
     * event behind one parked while this query ran would be applied before it).
     */
    void refresh() {
        long begunBefore;
        long endedBefore;
        synchronized (this) {
            begunBefore = parksBegun;
            endedBefore = parksEnded;
        }
        boolean anyParked;
        try {
            anyParked = host.inTransaction((connection, dispatcher) -> BusTables.anyParked(connection, host.module()));
        } catch (Exception e) {
            anyParked = true; // when in doubt, ask
        }
        synchronized (this) {
            mayHoldKeys = anyParked || parksBegun != begunBefore || begunBefore != endedBefore;
        }
    }

    /** Every sweep, on the node that holds the lease: retries what is due. Returns how many were applied. */
    int retryDue() {
        if (!mayHoldKeys) {
            return 0;
        }
        int applied = 0;
        try {
            Instant now = Instant.now();
            List<ParkedRow> heads = host.inTransaction((connection, dispatcher) ->
                    BusTables.dueParkedHeads(connection, host.module(), now, HEADS_PER_SWEEP));
            for (ParkedRow head : heads) {
                applied += retryKey(head);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, host.module() + ": retrying parked deliveries failed, trying again at the next sweep: " + e);
        }
        return applied;
    }

    /** Retries {@code row} and, while they succeed, the ones of its key after it. */
    private int retryKey(ParkedRow first) throws Exception {
        int applied = 0;
        for (Optional<ParkedRow> next = Optional.of(first); next.isPresent();) {
            ParkedRow row = next.get();
            Envelope envelope = row.envelope();
            Class<?> type = host.consumedTopics().get(envelope.topic());
            String giveUp = null;
            try {
                if (type == null) {
                    giveUp = host.module() + " no longer observes " + envelope.topic();
                } else {
                    new InboundDelivery(host, type, transport, settings, this)
                            .applyOnce(envelope, EventTypes.readStrictly(envelope.payload(), type), false);
                    applied++;
                }
            } catch (Exception e) {
                if (moduleLeaving()) {
                    return applied; // the module is being undeployed: not counted, the row stays due for its next run
                }
                int attempts = row.attempts() + 1;
                boolean expired = Instant.now().isAfter(row.firstFailedAt().plus(settings.retryFor()));
                if (Failures.of(e) == Failures.PERMANENT || expired) {
                    giveUp = (expired ? "still failing after " + settings.retryFor().toMinutes() + " min of retries: "
                            : "permanent failure: ") + InboundDelivery.describe(e);
                } else {
                    Instant retryAt = Instant.now().plus(settings.backoffAfter(attempts));
                    host.inTransaction((connection, dispatcher) -> {
                        BusTables.rescheduleParked(connection, row.id(), attempts, retryAt, InboundDelivery.describe(e));
                        return null;
                    });
                    return applied; // the key waits for this one
                }
            }
            if (giveUp != null) {
                InboundDelivery.deadLetter(host, transport, envelope, envelope.payload(), row.attempts() + 1, giveUp);
            }
            next = host.inTransaction((connection, dispatcher) -> {
                BusTables.deleteParked(connection, row.id());
                return BusTables.nextParked(connection, host.module(), row);
            });
        }
        return applied;
    }
}
