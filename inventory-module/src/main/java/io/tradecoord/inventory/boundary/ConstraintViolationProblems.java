package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.ProblemMapping;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Violated constraints as problem+json (400 with {@code violations}). The shared mapper handles {@code Throwable};
 * Jersey (Payara) and RESTEasy (WildFly) ship their own mapper for {@code ValidationException}, which is closer to
 * {@code ConstraintViolationException} and would otherwise win with its own format.
 */
@Provider
public class ConstraintViolationProblems implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException violations) {
        return ProblemMapping.problemOf(violations).toResponse();
    }
}
