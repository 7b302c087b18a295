package io.tradecoord.coordination.lock;

/** A lock the caller relied on is no longer held. */
public class LockLostException extends LockException {

    /** Why a lock stopped being held. */
    public enum Reason {
        /** the lease ran out without renewal */
        LEASE_EXPIRED,
        /** the watchdog could not renew the lease (the backend no longer had it, or could not be reached) */
        RENEWAL_FAILED,
        /** the connection or session to the backend was suspended or lost */
        SESSION_LOST,
        /** the handle was released by its holder */
        RELEASED
    }

    private final String key;
    private final Reason reason;

    public LockLostException(String key, Reason reason, String detail) {
        super("lock '" + key + "' is no longer held: " + reason + (detail == null ? "" : " (" + detail + ")"));
        this.key = key;
        this.reason = reason;
    }

    public String key() {
        return key;
    }

    public Reason reason() {
        return reason;
    }
}
