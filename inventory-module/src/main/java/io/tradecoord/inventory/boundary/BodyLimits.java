package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.BodyLimit;
import jakarta.ws.rs.ext.Provider;

/** Request bodies over 64 KiB are refused with 413 (the shared filter, registered for this module). */
@Provider
public class BodyLimits extends BodyLimit {
}
