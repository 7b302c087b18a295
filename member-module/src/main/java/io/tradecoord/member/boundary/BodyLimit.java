package io.tradecoord.member.boundary;

import jakarta.ws.rs.ext.Provider;

/** Request bodies of at most 64 KiB (413 beyond). */
@Provider
public class BodyLimit extends io.tradecoord.coordination.http.BodyLimit {
}
