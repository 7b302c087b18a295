package io.tradecoord.inventory.control;

import io.tradecoord.inventory.entity.Movement;
import io.tradecoord.inventory.entity.Sku;
import io.tradecoord.inventory.entity.StockChange;
import io.tradecoord.inventory.entity.StockChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Every stock change leaves two traces in the transaction that makes it: a ledger entry ({@link Movement}) and an
 * {@code inventory.stock-changed} event (through the outbox). Call it right after changing the SKU.
 */
@ApplicationScoped
public class StockLedger {

    @PersistenceContext(unitName = "inventory")
    EntityManager em;

    @Inject
    Event<StockChanged> stockChanged;

    public void record(Sku sku, StockChange change, long quantity, String orderId, String reason, Instant at) {
        em.persist(Movement.after(sku, change, quantity, orderId, reason, at));
        stockChanged.fire(new StockChanged(sku.getCode(), change, quantity, orderId, reason,
                sku.getOnHand(), sku.getReserved(), sku.available()));
    }
}
