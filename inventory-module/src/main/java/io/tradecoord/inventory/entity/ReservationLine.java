package io.tradecoord.inventory.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/**
 * One SKU of a reservation: the quantity the order asked for (all lines of that SKU summed) and the unit price
 * when it was reserved (null if the SKU is unknown).
 */
@Embeddable
public class ReservationLine {

    /** Wider than a SKU code: the line keeps what the order asked for, even a code that cannot exist. */
    public static final int MAX_SKU = 255;

    @Column(name = "sku", nullable = false, length = MAX_SKU)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private long quantity;

    @Column(name = "unit_price", precision = 19, scale = 2)
    private BigDecimal unitPrice;

    protected ReservationLine() {
    }

    public ReservationLine(String sku, long quantity, BigDecimal unitPrice) {
        this.sku = sku.length() <= MAX_SKU ? sku : sku.substring(0, MAX_SKU);
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }

    public String getSku() {
        return sku;
    }

    public long getQuantity() {
        return quantity;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }
}
