package io.tradecoord.member.boundary;

import jakarta.ws.rs.ext.Provider;

/** Every error of this module's API as {@code application/problem+json}. */
@Provider
public class ProblemMapping extends io.tradecoord.coordination.http.ProblemMapping {
}
