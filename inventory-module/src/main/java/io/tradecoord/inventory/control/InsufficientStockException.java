package io.tradecoord.inventory.control;

/** An adjustment would leave fewer than 0 units available (reserved units cannot be taken away). */
public class InsufficientStockException extends RuntimeException {

    private final String code;
    private final long onHand;
    private final long reserved;

    public InsufficientStockException(String code, int delta, long availableAfter, long onHand, long reserved) {
        super("adjusting SKU " + code + " by " + delta + " would leave " + availableAfter + " available (on hand " + onHand
                + ", reserved " + reserved + ")");
        this.code = code;
        this.onHand = onHand;
        this.reserved = reserved;
    }

    public String code() {
        return code;
    }

    public long onHand() {
        return onHand;
    }

    public long reserved() {
        return reserved;
    }

    /** Available before the adjustment: on hand less reserved, as a SKU counts it. */
    public long available() {
        return onHand - reserved;
    }
}
