package io.tradecoord.member.entity;

import io.tradecoord.coordination.bus.contract.EventContractSuite;
import io.tradecoord.member.entity.incoming.OrderPaid;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The member module's side of the event contracts (docs/contracts): what it publishes and what it consumes. */
class EventContractsTest extends EventContractSuite {

    @Override
    protected String basePackage() {
        return "io.tradecoord.member";
    }

    static final String MEMBER = "7a1d9e40-3c2b-4f5e-8d6a-1b0c9f8e7d25";

    @Override
    protected Stream<Arguments> published() {
        return Stream.of(
                Arguments.of("member.registered", new MemberRegistered(MEMBER)),
                Arguments.of("member.updated", new MemberUpdated(MEMBER)),
                Arguments.of("member.level-changed", new MemberLevelChanged(MEMBER, Level.SILVER, Level.GOLD, 5_012)));
    }

    @Override
    protected Stream<Arguments> consumed() {
        return Stream.of(Arguments.of("order.paid", OrderPaid.class));
    }
}
