package io.tradecoord.inventory.control;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.LockSet;
import io.tradecoord.coordination.lock.TransactionLocks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

/**
 * The inventory's locks, each held until the current transaction has ended (so nobody sees the state between a
 * write and its commit). Order of taking, the same everywhere so two holders never wait for each other: the
 * order's lock first, then the SKUs' locks all at once (the library sorts them).
 */
@ApplicationScoped
public class StockLocks {

    @Inject
    DistributedLocks locks;

    @Inject
    InventorySettings settings;

    public static String skuKey(String code) {
        return "sku:" + code;
    }

    /** Module-specific: the order module's own lock of the order must not hold up the inventory, nor the reverse. */
    static String reservationKey(String orderId) {
        return "inventory-reservation:" + orderId;
    }

    /** Serializes the handlers of one order's events (they arrive on different topics, so possibly at once). */
    public LockHandle holdReservation(String orderId) {
        return TransactionLocks.holdUntilTransactionEnds(locks.acquire(reservationKey(orderId), settings.lockWait()));
    }

    public LockHandle holdSku(String code) {
        return TransactionLocks.holdUntilTransactionEnds(locks.acquire(skuKey(code), settings.lockWait()));
    }

    /** All of {@code codes} or none; an empty set when there is nothing to lock. */
    public LockSet holdSkus(Collection<String> codes) {
        if (codes.isEmpty()) {
            return new LockSet(List.of());
        }
        List<String> keys = codes.stream().distinct().map(StockLocks::skuKey).toList();
        return TransactionLocks.holdUntilTransactionEnds(locks.acquireAll(keys, settings.lockWait()));
    }

    public String backend() {
        return locks.backend();
    }
}
