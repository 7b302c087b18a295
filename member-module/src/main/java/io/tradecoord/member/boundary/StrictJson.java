package io.tradecoord.member.boundary;

import jakarta.ws.rs.ext.Provider;

/** JSON-B that refuses fields the request type does not declare and values of the wrong JSON type. */
@Provider
public class StrictJson extends io.tradecoord.coordination.http.StrictJson {
}
