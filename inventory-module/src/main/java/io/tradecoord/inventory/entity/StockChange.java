package io.tradecoord.inventory.entity;

/** The kinds of stock change, as the ledger and {@code inventory.stock-changed} name them. */
public enum StockChange {
    /** a SKU was created with its initial stock */
    CREATED,
    /** units set aside for an order */
    RESERVED,
    /** an order's reserved units given back (the order was cancelled) */
    RELEASED,
    /** an order's reserved units sold (the order was paid) */
    SOLD,
    /** an admin's restock or correction */
    ADJUSTED
}
