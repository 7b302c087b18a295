package io.tradecoord.member.control;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The database's unique constraints are the last line behind the locks: if one refuses a write anyway, the
 * client gets the conflict it would have got from the check, not a 500.
 */
final class UniqueViolations {

    /** SQLSTATE of a unique violation on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** Flushes now (inside the method, where the failure can still be translated) rather than at commit. */
    static void flushOrConflict(EntityManager em, Supplier<? extends RuntimeException> conflict) {
        try {
            em.flush();
        } catch (PersistenceException e) {
            if (isUniqueViolation(e)) {
                throw conflict.get();
            }
            throw e;
        }
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
