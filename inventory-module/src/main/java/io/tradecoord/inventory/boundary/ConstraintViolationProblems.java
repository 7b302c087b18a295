package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.ViolationMapping;
import jakarta.ws.rs.ext.Provider;

/** Bean Validation failures as problem+json, ahead of the server's own mapper (see {@link ViolationMapping}). */
@Provider
public class ConstraintViolationProblems extends ViolationMapping {
}
