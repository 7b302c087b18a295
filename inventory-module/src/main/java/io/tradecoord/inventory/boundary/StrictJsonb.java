package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.StrictJson;
import jakarta.ws.rs.ext.Provider;

/** The shared strict JSON-B (unknown fields and wrong JSON types refused) for this module's resources. */
@Provider
public class StrictJsonb extends StrictJson {
}
