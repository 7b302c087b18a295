package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.ProblemMapping;
import jakarta.ws.rs.ext.Provider;

/** Every error of the inventory API as application/problem+json (the shared mapping, registered for this module). */
@Provider
public class Problems extends ProblemMapping {
}
