package io.tradecoord.coordination.lock.fencing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockModeType;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fencing checked at the write, for JPA entities: the row's stored token and the writer's token are compared
 * while the row is locked ({@code SELECT ... FOR UPDATE}), so a stale holder can neither slip in between the
 * check and the write nor overwrite a later holder's change. A token equal to the stored one is accepted (the
 * same grant writing again); an older one raises {@link StaleFencingTokenException} and changes nothing.
 *
 * <pre>{@code
 * try (LockHandle h = locks.acquire("sku:" + sku, Duration.ofSeconds(2))) {
 *     FencedWrites.update(em, Stock.class, sku, h.fencingToken(), stock -> stock.reserve(quantity));
 * }
 * }</pre>
 * Must run inside a transaction (the row lock lasts until it ends).
 */
public final class FencedWrites {

    private FencedWrites() {
    }

    /**
     * Locks the row, checks {@code fencingToken} against it, applies {@code change} and stores the token.
     *
     * @return the changed (managed) entity
     * @throws StaleFencingTokenException if the row was written with a newer token; nothing is changed
     * @throws EntityNotFoundException    if there is no such row
     */
    public static <T extends Fenced> T update(EntityManager em, Class<T> type, Object id, long fencingToken, Consumer<? super T> change) {
        Objects.requireNonNull(change, "change");
        T entity = em.find(type, id, LockModeType.PESSIMISTIC_WRITE);
        if (entity == null) {
            throw new EntityNotFoundException(type.getSimpleName() + " " + id + " does not exist");
        }
        check(entity, type.getSimpleName() + " " + id, fencingToken);
        change.accept(entity);
        entity.setFencingToken(fencingToken);
        return entity;
    }

    /** Stores a new entity with the token of the grant that creates it. */
    public static <T extends Fenced> T persist(EntityManager em, T entity, long fencingToken) {
        entity.setFencingToken(fencingToken);
        em.persist(entity);
        return entity;
    }

    /**
     * The rule itself, for an entity the caller has already locked.
     *
     * @throws StaleFencingTokenException if {@code fencingToken} is older than the stored one
     */
    public static void check(Fenced current, String what, long fencingToken) {
        if (fencingToken < current.getFencingToken()) {
            throw new StaleFencingTokenException(what, current.getFencingToken(), fencingToken);
        }
    }
}
