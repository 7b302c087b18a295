package io.tradecoord.inventory.boundary;

import io.tradecoord.inventory.entity.Reservation;
import io.tradecoord.inventory.entity.ReservationLine;
import io.tradecoord.inventory.entity.ReservationStatus;
import jakarta.json.bind.annotation.JsonbNillable;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What the inventory did for an order. */
@JsonbNillable
@Schema(description = "An order's reservation; lines of the same SKU are summed, unitPrice is null for an unknown SKU")
public record ReservationView(String orderId, ReservationStatus status, List<Line> lines, String reason) {

    @JsonbNillable
    public record Line(String sku, long quantity, BigDecimal unitPrice) {

        static Line of(ReservationLine line) {
            return new Line(line.getSku(), line.getQuantity(), line.getUnitPrice());
        }
    }

    public static ReservationView of(Reservation reservation) {
        return new ReservationView(reservation.getOrderId(), reservation.getStatus(),
                reservation.getLines().stream().map(Line::of).toList(), reservation.getReason());
    }
}
