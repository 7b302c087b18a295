package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.lock.LockException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * What kind of failure an observer's exception is, from its cause chain: it decides whether a delivery is worth
 * trying again.
 */
enum Failures {

    /** The same event fails the same way every time (a constraint, bad data): dead-lettered at once. */
    PERMANENT,
    /** The event may well succeed later (a lock or database timeout, a lost connection): retried for a long while. */
    TRANSIENT,
    /** Not known: retried in place a few times, then dead-lettered. */
    UNKNOWN;

    /** Thrown by Jakarta Persistence and Validation; matched by name, the library does not depend on them. */
    private static final Set<String> TRANSIENT_TYPES = Set.of("jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException", "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.QueryTimeoutException");
    private static final Set<String> PERMANENT_TYPES = Set.of("jakarta.validation.ConstraintViolationException",
            "jakarta.persistence.EntityExistsException");

    static Failures of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof LockException || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || TRANSIENT_TYPES.contains(t.getClass().getName())) {
                return TRANSIENT;
            }
            if (t instanceof SQLIntegrityConstraintViolationException || PERMANENT_TYPES.contains(t.getClass().getName())) {
                return PERMANENT;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                Failures bySqlState = ofSqlState(sql.getSQLState());
                if (bySqlState != UNKNOWN) {
                    return bySqlState;
                }
            }
        }
        return UNKNOWN;
    }

    /** SQLSTATE classes of the SQL standard (PostgreSQL and H2 use them). */
    static Failures ofSqlState(String state) {
        if (state.startsWith("23") || state.startsWith("22")) {
            return PERMANENT; // integrity constraint violation, data exception
        }
        if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.equals("55P03")
                || state.equals("57014") || state.equals("HYT00")) {
            // connection, serialization failure or deadlock, resources, lock not available, statement timeout
            return TRANSIENT;
        }
        return UNKNOWN;
    }
}
