package io.tradecoord.inventory.boundary;

import jakarta.ws.rs.ext.Provider;

/** JSON-B that refuses unknown fields and values of the wrong JSON type (the shared resolver, registered here). */
@Provider
public class StrictJson extends io.tradecoord.coordination.http.StrictJson {
}
