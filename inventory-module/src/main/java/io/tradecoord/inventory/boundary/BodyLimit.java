package io.tradecoord.inventory.boundary;

import jakarta.ws.rs.ext.Provider;

/** Request bodies of at most 64 KiB, refused with 413 problem+json (the shared filter). */
@Provider
public class BodyLimit extends io.tradecoord.coordination.http.BodyLimit {
}
