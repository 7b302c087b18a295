package io.tradecoord.ear.busprobe.consumer;

import jakarta.ws.rs.ext.Provider;

/** Errors as application/problem+json, as in every module. */
@Provider
public class ConsumerProblems extends io.tradecoord.coordination.http.ProblemMapping {
}
