package io.tradecoord.inventory.control;

import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.inventory.entity.Movement;
import io.tradecoord.inventory.entity.Sku;
import io.tradecoord.inventory.entity.StockChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The admin side of the stock: SKUs created, read, listed and adjusted, and their ledgers. */
@ApplicationScoped
public class SkuCatalog {

    @PersistenceContext(unitName = "inventory")
    EntityManager em;

    @Inject
    StockLocks locks;

    @Inject
    StockLedger ledger;

    /**
     * @throws SkuExistsException if the code is taken
     */
    @Transactional
    public Sku create(String code, String name, BigDecimal unitPrice, int initialStock) {
        Instant now = Clock.now();
        // the lock makes two concurrent creates of one code a clean 409, not a key violation at commit
        LockHandle lock = locks.holdSku(code);
        if (em.find(Sku.class, code) != null) {
            throw new SkuExistsException(code);
        }
        Sku sku = FencedWrites.persist(em, new Sku(code, name, unitPrice, initialStock, now), lock.fencingToken());
        ledger.record(sku, StockChange.CREATED, initialStock, null, null, now);
        return sku;
    }

    @Transactional
    public Optional<Sku> find(String code) {
        return Sku.isValidCode(code) ? Optional.ofNullable(em.find(Sku.class, code)) : Optional.empty();
    }

    @Transactional
    public Page<Sku> list(PageRequest page) {
        long total = em.createQuery("SELECT COUNT(s) FROM Sku s", Long.class).getSingleResult();
        var items = em.createQuery("SELECT s FROM Sku s ORDER BY s.code", Sku.class)
                .setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(items, page, total);
    }

    /**
     * An admin's restock or correction.
     *
     * @throws UnknownSkuException       for an unknown SKU
     * @throws InsufficientStockException if available would go below 0
     */
    @Transactional
    public Sku adjust(String code, int delta, String reason) {
        Instant now = Clock.now();
        requireKnown(code);
        LockHandle lock = locks.holdSku(code);
        Sku sku = FencedWrites.update(em, Sku.class, code, lock.fencingToken(), row -> {
            long after = row.availableAfterAdjusting(delta);
            if (after < 0) {
                throw new InsufficientStockException(code, delta, after, row.getOnHand(), row.getReserved());
            }
            row.adjust(delta, now);
        });
        ledger.record(sku, StockChange.ADJUSTED, delta, null, reason, now);
        return sku;
    }

    /** The SKU's ledger, oldest first. */
    @Transactional
    public Page<Movement> movements(String code, PageRequest page) {
        requireKnown(code);
        long total = em.createQuery("SELECT COUNT(m) FROM Movement m WHERE m.sku = :sku", Long.class)
                .setParameter("sku", code).getSingleResult();
        var items = em.createQuery("SELECT m FROM Movement m WHERE m.sku = :sku ORDER BY m.seq", Movement.class)
                .setParameter("sku", code).setFirstResult(page.offset()).setMaxResults(page.size()).getResultList();
        return Page.of(items, page, total);
    }

    private void requireKnown(String code) {
        if (find(code).isEmpty()) {
            throw new UnknownSkuException(code);
        }
    }
}
