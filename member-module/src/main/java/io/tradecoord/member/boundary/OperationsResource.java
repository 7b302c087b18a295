package io.tradecoord.member.boundary;

import io.tradecoord.coordination.operations.OperationsEndpoint;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Path;

/** The coordination runtime for operators (backends, held locks, outboxes, dead letters) and its page: the library's API. */
@Path("operations")
@RequestScoped
public class OperationsResource extends OperationsEndpoint {
}
