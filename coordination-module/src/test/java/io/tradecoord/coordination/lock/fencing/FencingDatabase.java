package io.tradecoord.coordination.lock.fencing;

import io.tradecoord.coordination.smoke.TestServices;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.util.Map;
import java.util.function.Function;

/** The fencing tests' JPA unit on the real PostgreSQL. */
public final class FencingDatabase implements AutoCloseable {

    private final EntityManagerFactory factory;

    public FencingDatabase() {
        try {
            factory = Persistence.createEntityManagerFactory("fencing-test", Map.of(
                    "jakarta.persistence.jdbc.url", TestServices.POSTGRES_URL,
                    "jakarta.persistence.jdbc.user", TestServices.POSTGRES_USER,
                    "jakarta.persistence.jdbc.password", ""));
        } catch (RuntimeException e) {
            throw TestServices.unreachable("PostgreSQL", TestServices.POSTGRES_URL, e);
        }
    }

    /** Runs {@code work} in its own transaction, rolling back if it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    @Override
    public void close() {
        factory.close();
    }
}
