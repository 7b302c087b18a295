package io.tradecoord.order.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One line of an order; its unit price is known only once the inventory reserved the stock. */
@Embeddable
public class OrderLine {

    @Column(name = "sku", nullable = false, length = 64)
    private String sku;

    @Column(name = "quantity", nullable = false)
    private int quantity;

    @Column(name = "unit_price", precision = 19, scale = 2)
    private BigDecimal unitPrice;

    protected OrderLine() {
    }

    public OrderLine(String sku, int quantity, BigDecimal unitPrice) {
        this.sku = sku;
        this.quantity = quantity;
        this.unitPrice = unitPrice;
    }

    public String getSku() {
        return sku;
    }

    public int getQuantity() {
        return quantity;
    }

    /** Null until the order is confirmed. */
    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    /** A new line (never a change in place: some JPA providers miss changes inside an element collection). */
    public OrderLine pricedAt(BigDecimal price) {
        return new OrderLine(sku, quantity, price);
    }
}
