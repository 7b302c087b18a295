package io.tradecoord.inventory.boundary;

import jakarta.ws.rs.ext.Provider;

/** Bean Validation failures reaching the runtime as problem+json, not the server's own format (the shared mapper, registered here). */
@Provider
public class ViolationMapping extends io.tradecoord.coordination.http.ViolationMapping {
}
