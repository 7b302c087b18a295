package io.tradecoord.inventory.boundary;

import io.tradecoord.inventory.entity.Movement;
import io.tradecoord.inventory.entity.StockChange;
import jakarta.json.bind.annotation.JsonbNillable;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One entry of a SKU's stock ledger, with the stock right after it. */
@JsonbNillable
@Schema(description = "A stock change: orderId is set for RESERVED, RELEASED and SOLD, reason for ADJUSTED")
public record MovementView(long seq, StockChange change, long quantity, String orderId, String reason,
        long onHand, long reserved, long available, Instant at) {

    public static MovementView of(Movement movement) {
        return new MovementView(movement.getSeq(), movement.getChange(), movement.getQuantity(), movement.getOrderId(),
                movement.getReason(), movement.getOnHand(), movement.getReserved(), movement.getAvailable(), movement.getOccurredAt());
    }
}
