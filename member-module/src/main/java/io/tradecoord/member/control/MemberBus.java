package io.tradecoord.member.control;

import io.tradecoord.coordination.bus.BusModule;
import jakarta.enterprise.context.ApplicationScoped;

/** Joins the member module to the event bus (outbox relay, subscription to {@code order.paid}). */
@ApplicationScoped
public class MemberBus extends BusModule {
}
