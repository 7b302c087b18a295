package io.tradecoord.order.entity;

import io.tradecoord.coordination.bus.contract.EventContractSuite;
import io.tradecoord.order.entity.incoming.InventoryRejected;
import io.tradecoord.order.entity.incoming.InventoryReserved;
import io.tradecoord.order.entity.incoming.MemberRegistered;
import io.tradecoord.order.entity.incoming.MemberUpdated;
import io.tradecoord.order.entity.incoming.ReservationHeld;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The order module's side of the event contracts (docs/contracts): what it publishes and what it consumes. */
class EventContractsTest extends EventContractSuite {

    @Override
    protected String basePackage() {
        return "io.tradecoord.order";
    }

    static final String ORDER = "0b7f3c52-5d0e-4a8f-b1c6-9e2d4a7f6c13";
    static final String MEMBER = "7a1d9e40-3c2b-4f5e-8d6a-1b0c9f8e7d25";
    static final Instant AT = Instant.parse("2026-12-07T09:30:15.250Z");

    @Override
    protected Stream<Arguments> published() {
        return Stream.of(
                Arguments.of("order.placed", new OrderPlaced(ORDER, MEMBER,
                        List.of(new OrderPlaced.Line("TSHIRT-M", 2), new OrderPlaced.Line("MUG", 1)), AT)),
                Arguments.of("order.confirmed", new OrderConfirmed(ORDER, MEMBER, new BigDecimal("48.30"), AT)),
                Arguments.of("order.rejected", new OrderRejected(ORDER, MEMBER, "member is not known")),
                Arguments.of("order.paid", new OrderPaid(ORDER, MEMBER, new BigDecimal("48.30"), AT)),
                Arguments.of("order.cancelled", new OrderCancelled(ORDER, MEMBER, "not paid in time", true)),
                Arguments.of("order.shipped", new OrderShipped(ORDER, MEMBER, AT)));
    }

    @Override
    protected Stream<Arguments> consumed() {
        return Stream.of(
                Arguments.of("inventory.reserved", InventoryReserved.class),
                Arguments.of("inventory.rejected", InventoryRejected.class),
                Arguments.of("inventory.reservation-held", ReservationHeld.class),
                Arguments.of("member.registered", MemberRegistered.class),
                Arguments.of("member.updated", MemberUpdated.class));
    }
}
