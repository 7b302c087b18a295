package io.tradecoord.coordination.http;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Bean Validation failures that reach the JAX-RS runtime (e.g. an entity refused at flush) as problem+json.
 * Jersey (Payara) and RESTEasy (WildFly) ship their own mappers for {@code ValidationException}, closer by type
 * than {@link ProblemMapping}'s {@code Throwable}, that answer in their own formats (Payara: an HTML page); this
 * one is closer still. Register with an empty subclass: {@code @Provider public class V extends ViolationMapping {}}.
 */
public class ViolationMapping implements ExceptionMapper<ConstraintViolationException> {

    @Override
    public Response toResponse(ConstraintViolationException failure) {
        return ProblemMapping.problemOf(failure).toResponse();
    }
}
