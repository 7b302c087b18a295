package io.tradecoord.ear.busprobe.consumer;

import io.tradecoord.coordination.bus.DeadLetterEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The library's dead-letter API, exposed by this module as every module does. */
@Path("coordination/dead-letters")
@RequestScoped
public class ConsumerDeadLetters extends DeadLetterEndpoint {
}
