package io.tradecoord.coordination.lock.fencing;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityNotFoundException;
import jakarta.persistence.LockModeType;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Fencing checked at the write, for JPA entities: the row is re-read while it is locked ({@code SELECT ... FOR
 * UPDATE}), whether or not the persistence context held it before, and its stored token compared with the
 * writer's, so a stale holder can neither slip in between the check and the write nor overwrite a later holder's
 * change. A token equal to the stored one is accepted (the same grant writing again); an older one raises
 * {@link StaleFencingTokenException} and changes nothing.
 *
 * <pre>{@code
 * LockHandle sku = TransactionLocks.holdUntilTransactionEnds(locks.acquire("sku:" + code, Duration.ofSeconds(2)));
 * FencedWrites.update(em, Stock.class, code, sku.fencingToken(), stock -> stock.reserve(quantity));
 * }</pre>
 * Must run inside a transaction (the row lock lasts until it ends), and the lock must be held until that
 * transaction ends ({@code @Locked} or {@link io.tradecoord.coordination.lock.TransactionLocks}): a lock
 * released before the commit (try-with-resources inside the transaction) lets the next holder read the state from
 * before this write.
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
        T entity = readLocked(em, type, id);
        if (entity == null) {
            throw new EntityNotFoundException(type.getSimpleName() + " " + id + " does not exist");
        }
        check(entity, type.getSimpleName() + " " + id, fencingToken);
        change.accept(entity);
        entity.setFencingToken(fencingToken);
        return entity;
    }

    /**
     * The row, read under a row lock ({@code SELECT ... FOR UPDATE}) as it is now, even when this persistence
     * context read it before; {@code null} if there is no such row. Use it wherever a decision is taken on a row
     * that a lock protects: {@code em.find(type, id, PESSIMISTIC_WRITE)} locks the row but returns an entity the
     * persistence context already holds as it was first read.
     */
    public static <T> T readLocked(EntityManager em, Class<T> type, Object id) {
        T entity = em.find(type, id);
        if (entity != null) {
            em.flush(); // this transaction's own changes, not yet written, are part of the row as it is now
            em.refresh(entity, LockModeType.PESSIMISTIC_WRITE);
        }
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
