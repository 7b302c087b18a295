package io.tradecoord.inventory.boundary;

import jakarta.ws.rs.ext.Provider;

/** Every error of this module's API as application/problem+json (the shared mapper, registered here). */
@Provider
public class ProblemMapping extends io.tradecoord.coordination.http.ProblemMapping {
}
