package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.lock.fencing.Fenced;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One stock keeping unit and its stock: on hand, reserved for orders, and available = on hand - reserved, which
 * never goes below 0 (the methods refuse it, and so does a CHECK constraint of the table).
 * <p>
 * Every change goes through a method here and is written with the fencing token of the SKU's lock
 * ({@code FencedWrites}); each change also counts one more entry of the SKU's stock ledger ({@link Movement}).
 */
@Entity
@Table(name = "inventory_sku")
public class Sku implements Fenced {

    /** What a SKU code looks like; a code that does not match cannot exist. */
    public static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    public static final int MAX_NAME = 200;

    @Id
    @Column(name = "sku", length = 64)
    private String code;

    @Column(name = "name", nullable = false, length = MAX_NAME)
    private String name;

    @Column(name = "unit_price", nullable = false, precision = 19, scale = 2)
    private BigDecimal unitPrice;

    @Column(name = "on_hand", nullable = false)
    private long onHand;

    @Column(name = "reserved", nullable = false)
    private long reserved;

    /** The sequence number of the SKU's latest ledger entry. */
    @Column(name = "movement_count", nullable = false)
    private long movementCount;

    @Column(name = "fencing_token", nullable = false)
    private long fencingToken;

    // OffsetDateTime (kept in UTC) rather than Instant: EclipseLink 4.0.1 of Payara Server 6 has no Instant mapping
    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Sku() {
    }

    public Sku(String code, String name, BigDecimal unitPrice, long initialStock, Instant now) {
        if (!isValidCode(code)) {
            throw new IllegalArgumentException("SKU code " + code + " does not match " + CODE.pattern());
        }
        if (initialStock < 0) {
            throw new IllegalArgumentException("initial stock of " + code + " must be 0 or more, was " + initialStock);
        }
        this.code = code;
        this.name = Objects.requireNonNull(name, "name");
        // 2 fraction digits, as stored: the response to a create shows 19.90 as every later read does
        this.unitPrice = Objects.requireNonNull(unitPrice, "unitPrice").setScale(2, RoundingMode.UNNECESSARY);
        this.onHand = initialStock;
        this.createdAt = utc(now);
        this.updatedAt = this.createdAt;
    }

    public static boolean isValidCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public long available() {
        return onHand - reserved;
    }

    public boolean canReserve(long quantity) {
        return quantity > 0 && quantity <= available();
    }

    /** Sets {@code quantity} units aside for an order. */
    public void reserve(long quantity, Instant now) {
        requirePositive(quantity);
        if (quantity > available()) {
            throw new StockRuleException(code + ": cannot reserve " + quantity + ", only " + available() + " available");
        }
        reserved += quantity;
        touch(now);
    }

    /** Gives reserved units back to the available stock (an order was cancelled). */
    public void release(long quantity, Instant now) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw new StockRuleException(code + ": cannot release " + quantity + ", only " + reserved + " reserved");
        }
        reserved -= quantity;
        touch(now);
    }

    /** Turns reserved units into a sale: they leave the stock. */
    public void sell(long quantity, Instant now) {
        requirePositive(quantity);
        if (quantity > reserved) {
            throw new StockRuleException(code + ": cannot sell " + quantity + ", only " + reserved + " reserved");
        }
        reserved -= quantity;
        onHand -= quantity;
        touch(now);
    }

    /** What available would be after {@link #adjust}; negative means the adjustment is refused. */
    public long availableAfterAdjusting(long delta) {
        return available() + delta;
    }

    /** An admin's restock (delta &gt; 0) or correction (delta &lt; 0) of the units on hand. */
    public void adjust(long delta, Instant now) {
        if (delta == 0) {
            throw new IllegalArgumentException(code + ": an adjustment must change the stock");
        }
        if (availableAfterAdjusting(delta) < 0) {
            throw new StockRuleException(code + ": adjusting by " + delta + " would leave " + availableAfterAdjusting(delta)
                    + " available (on hand " + onHand + ", reserved " + reserved + ")");
        }
        onHand += delta;
        touch(now);
    }

    /** The next ledger sequence number of this SKU (1 for its first entry). */
    public long nextMovementSeq() {
        return ++movementCount;
    }

    private void touch(Instant now) {
        updatedAt = utc(now);
    }

    private static void requirePositive(long quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("a quantity must be positive, was " + quantity);
        }
    }

    /** UTC, to the microsecond: what both databases store, so a value reads back as it was written. */
    static OffsetDateTime utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public BigDecimal getUnitPrice() {
        return unitPrice;
    }

    public long getOnHand() {
        return onHand;
    }

    public long getReserved() {
        return reserved;
    }

    public long getMovementCount() {
        return movementCount;
    }

    public Instant getCreatedAt() {
        return createdAt.toInstant();
    }

    public Instant getUpdatedAt() {
        return updatedAt.toInstant();
    }

    @Override
    public long getFencingToken() {
        return fencingToken;
    }

    @Override
    public void setFencingToken(long fencingToken) {
        this.fencingToken = fencingToken;
    }
}
