package io.tradecoord.inventory.entity;

import java.io.Serializable;
import java.util.Objects;

/** The key of a {@link Movement}: the SKU and the entry's sequence number within that SKU's ledger. */
public class MovementKey implements Serializable {

    private static final long serialVersionUID = 1L;

    private String sku;
    private long seq;

    public MovementKey() {
    }

    public MovementKey(String sku, long seq) {
        this.sku = sku;
        this.seq = seq;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MovementKey key && seq == key.seq && Objects.equals(sku, key.sku);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sku, seq);
    }
}
