package io.tradecoord.coordination.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Validation of a request body, done by the resource itself rather than with {@code @Valid} on the parameter: the
 * servers' built-in handling of {@code @Valid} and of {@code ValidationException}s answers in their own formats
 * (Payara: an HTML page), this always answers problem+json through {@link ProblemMapping}.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @return {@code body}, if present and valid
     * @throws ProblemException 400 if there is no body, or if a constraint is violated (with the violations);
     *                          not a {@code ConstraintViolationException}, which the servers' own mappers would
     *                          answer in their own formats
     */
    public static <T> T requireValid(Validator validator, T body) {
        if (body == null) {
            throw ProblemException.badRequest("Missing request body", "this request needs a JSON body");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ProblemException(ProblemMapping.violations(violations));
        }
        return body;
    }
}
