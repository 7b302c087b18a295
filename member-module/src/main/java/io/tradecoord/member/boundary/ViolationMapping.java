package io.tradecoord.member.boundary;

import jakarta.ws.rs.ext.Provider;

/** Bean Validation failures that reach the JAX-RS runtime as problem+json, not in the server's own format. */
@Provider
public class ViolationMapping extends io.tradecoord.coordination.http.ViolationMapping {
}
