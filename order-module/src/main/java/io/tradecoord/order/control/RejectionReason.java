package io.tradecoord.order.control;

import io.tradecoord.order.entity.incoming.InventoryRejected;
import java.util.List;
import java.util.stream.Collectors;

/** The reason stored with a rejected order: the inventory's reason and which lines were short. */
final class RejectionReason {

    private RejectionReason() {
    }

    static String of(InventoryRejected event) {
        String reason = event.reason() == null || event.reason().isBlank() ? "not enough stock" : event.reason().strip();
        List<InventoryRejected.ShortLine> shortLines = event.shortLines() == null ? List.of() : event.shortLines();
        if (shortLines.isEmpty()) {
            return reason;
        }
        return reason + "; short: " + shortLines.stream().map(RejectionReason::describe).collect(Collectors.joining(", "));
    }

    private static String describe(InventoryRejected.ShortLine line) {
        if (!line.known()) {
            return line.sku() + " (unknown SKU)";
        }
        return line.sku() + " (requested " + line.requested() + ", available " + line.available() + ")";
    }
}
