package io.tradecoord.order.control;

/** Refused: {@code order.max-pending} orders already wait for the inventory's answer. */
public class PlacementBacklogFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long pending;
    private final long max;

    PlacementBacklogFullException(long pending, long max) {
        super(pending + " orders wait for the inventory's answer, " + OrderSettings.MAX_PENDING + " is " + max
                + "; retry in a moment");
        this.pending = pending;
        this.max = max;
    }

    public long pending() {
        return pending;
    }

    public long max() {
        return max;
    }
}
