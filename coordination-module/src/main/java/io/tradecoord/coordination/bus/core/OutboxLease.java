package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.spi.ModuleHost;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.UUID;

/**
 * The right to relay one module's outbox, held by one relay at a time over every node that runs the module: a row
 * of {@code coordination_outbox_lease} in the module's own database (the database that holds the outbox, so it
 * works with every lock and bus backend).
 * <p>
 * No clock is compared across nodes. The holder renews by bumping the row's {@code version} (compare-and-set on the
 * version it wrote last) every third of the lease, and counts its hold from just BEFORE each renewal was sent. A
 * relay standing by reads the row at each sweep; it takes the lease over (compare-and-set on the version) only once
 * it has seen the SAME holder and version for a whole lease on its own monotonic clock, counted from just AFTER the
 * read. The renewal it saw committed before that read, so the old holder's hold had ended before the takeover.
 * A holder whose renewal fails or finds another version stops at once; one that cannot reach its database stops
 * when its hold runs out. A relay that stops releases the row, and another takes over at its next sweep.
 * <p>
 * Not thread-safe: used by its relay's thread (and {@link #release} after that thread ended).
 */
final class OutboxLease {

    private static final System.Logger LOG = System.getLogger(OutboxLease.class.getName());

    private final ModuleHost host;
    private final long leaseNanos;
    private final String holder;

    /** The version this relay wrote last while it holds the lease; null while it does not. */
    private Long heldVersion;
    /** While holding: System.nanoTime() until which the hold is certain. */
    private long heldUntil;
    private long lastRenewal;

    /** While standing by: the holder and version last seen, and since when (after the read that first saw them). */
    private String seenHolder;
    private long seenVersion = -1;
    private long seenSince;

    OutboxLease(ModuleHost host, Duration lease) {
        this.host = host;
        this.leaseNanos = lease.toNanos();
        this.holder = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** How often the holder must call {@link #hold()} to keep the lease: a third of it. */
    Duration renewalInterval() {
        return Duration.ofNanos(leaseNanos / 3);
    }

    /** Whether this relay holds the lease now, without asking the database (checked between batches). */
    boolean held() {
        return heldVersion != null && System.nanoTime() - heldUntil < 0;
    }

    /**
     * Renews the lease if a third of it has passed, or tries to take it.
     *
     * @return whether this relay holds the lease and may publish
     */
    boolean hold() {
        long start = System.nanoTime();
        if (heldVersion != null) {
            if (start - lastRenewal < leaseNanos / 3 && held()) {
                return true;
            }
            try {
                if (compareAndSet(heldVersion, holder)) {
                    heldVersion++;
                    heldUntil = start + leaseNanos;
                    lastRenewal = start;
                    return true;
                }
                LOG.log(Level.WARNING, "outbox relay " + holder + " of " + host.module() + " lost its lease to another node");
                heldVersion = null;
            } catch (Exception e) {
                if (held()) {
                    return true; // tried again at the next call; the hold is still certain
                }
                LOG.log(Level.WARNING, "outbox relay " + holder + " of " + host.module() + " could not renew its lease and stops: " + e);
                heldVersion = null;
                return false;
            }
        }
        try {
            return tryToTake();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, () -> "outbox relay " + holder + " of " + host.module() + " could not look at its lease: " + e);
            return false;
        }
    }

    private boolean tryToTake() throws Exception {
        long start = System.nanoTime();
        Current current = host.inTransaction((connection, dispatcher) -> {
            try (var select = connection.prepareStatement(
                    "SELECT holder, version FROM coordination_outbox_lease WHERE module = ?")) {
                select.setString(1, host.module());
                try (var rs = select.executeQuery()) {
                    return rs.next() ? new Current(rs.getString(1), rs.getLong(2)) : null;
                }
            }
        });
        long readAt = System.nanoTime();
        if (current == null) {
            if (insert()) {
                return took(start, 1);
            }
            return false;
        }
        if (current.holder() == null || current.holder().equals(holder)) {
            // released (or ours, from before a failed renewal): nobody relays now
            return compareAndSet(current.version(), holder) && took(start, current.version() + 1);
        }
        if (!current.holder().equals(seenHolder) || current.version() != seenVersion) {
            seenHolder = current.holder();
            seenVersion = current.version();
            seenSince = readAt;
            return false;
        }
        if (readAt - seenSince - leaseNanos < 0) {
            return false; // the holder may still be relaying
        }
        if (compareAndSet(current.version(), holder)) {
            LOG.log(Level.WARNING, "outbox relay " + holder + " of " + host.module() + " took over from " + current.holder()
                    + ", which had not renewed its lease for " + Duration.ofNanos(readAt - seenSince).toMillis() + " ms");
            return took(start, current.version() + 1);
        }
        return false;
    }

    private boolean took(long start, long version) {
        heldVersion = version;
        heldUntil = start + leaseNanos;
        lastRenewal = start;
        seenHolder = null;
        seenVersion = -1;
        LOG.log(Level.DEBUG, () -> "outbox relay " + holder + " of " + host.module() + " holds the lease");
        return true;
    }

    /** Gives the lease up if held, so another node's relay takes over at its next sweep; logs a failure. */
    void release() {
        if (heldVersion == null) {
            return;
        }
        try {
            compareAndSet(heldVersion, null);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "outbox relay " + holder + " of " + host.module()
                    + " could not release its lease; another node takes over when it runs out: " + e);
        }
        heldVersion = null;
    }

    /** Sets the holder and bumps the version if the version is still {@code expected}. */
    private boolean compareAndSet(long expected, String newHolder) throws Exception {
        return host.inTransaction((connection, dispatcher) -> {
            try (var update = connection.prepareStatement(
                    "UPDATE coordination_outbox_lease SET holder = ?, version = version + 1, renewed_at = CURRENT_TIMESTAMP"
                            + " WHERE module = ? AND version = ?")) {
                update.setString(1, newHolder);
                update.setString(2, host.module());
                update.setLong(3, expected);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The first relay of the module ever: creates its row; false if another relay created it first. */
    private boolean insert() throws Exception {
        try {
            return host.inTransaction((connection, dispatcher) -> {
                try (var insert = connection.prepareStatement(
                        "INSERT INTO coordination_outbox_lease (module, holder, version, renewed_at) VALUES (?, ?, 1, CURRENT_TIMESTAMP)")) {
                    insert.setString(1, host.module());
                    insert.setString(2, holder);
                    return insert.executeUpdate() == 1;
                }
            });
        } catch (Exception e) {
            return false; // a duplicate key (another node's relay was first), or the database is away: not held
        }
    }

    private record Current(String holder, long version) {
    }
}
