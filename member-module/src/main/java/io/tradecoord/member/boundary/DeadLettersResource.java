package io.tradecoord.member.boundary;

import io.tradecoord.coordination.bus.DeadLetterEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The member module's dead letters for operators (list, inspect, replay, discard): the library's API. */
@Path("dead-letters")
@RequestScoped
public class DeadLettersResource extends DeadLetterEndpoint {
}
