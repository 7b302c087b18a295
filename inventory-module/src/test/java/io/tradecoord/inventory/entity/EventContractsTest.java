package io.tradecoord.inventory.entity;

import io.tradecoord.coordination.bus.contract.EventContractSuite;
import io.tradecoord.inventory.entity.incoming.OrderCancelled;
import io.tradecoord.inventory.entity.incoming.OrderPaid;
import io.tradecoord.inventory.entity.incoming.OrderPlaced;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The inventory module's side of the event contracts (docs/contracts): what it publishes and what it consumes. */
class EventContractsTest extends EventContractSuite {

    @Override
    protected String basePackage() {
        return "io.tradecoord.inventory";
    }

    static final String ORDER = "0b7f3c52-5d0e-4a8f-b1c6-9e2d4a7f6c13";
    static final Instant AT = Instant.parse("2026-12-07T09:30:15.250Z");

    @Override
    protected Stream<Arguments> published() {
        return Stream.of(
                Arguments.of("inventory.reserved", new InventoryReserved(ORDER, List.of(
                        new InventoryReserved.Line("TSHIRT-M", 2, new BigDecimal("19.90")),
                        new InventoryReserved.Line("MUG", 1, new BigDecimal("8.50"))))),
                Arguments.of("inventory.rejected", new InventoryRejected(ORDER, "not enough stock: NOPE is an unknown SKU",
                        List.of(new InventoryRejected.ShortLine("NOPE", 1, 0, false)))),
                Arguments.of("inventory.stock-changed", new StockChanged("MUG", StockChange.RESERVED, 1, ORDER, null, 3, 1, 2)),
                Arguments.of("inventory.reservation-held", new ReservationHeld(ORDER, AT)));
    }

    @Override
    protected Stream<Arguments> consumed() {
        return Stream.of(
                Arguments.of("order.placed", OrderPlaced.class),
                Arguments.of("order.paid", OrderPaid.class),
                Arguments.of("order.cancelled", OrderCancelled.class));
    }
}
