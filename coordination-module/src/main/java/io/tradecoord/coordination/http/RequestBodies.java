package io.tradecoord.coordination.http;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Validation of a request body, done by the resource itself rather than with {@code @Valid} on the parameter: the
 * servers' built-in handling of {@code @Valid} answers in their own formats, this always answers problem+json
 * through {@link ProblemMapping}.
 */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @return {@code body}, if present and valid
     * @throws ProblemException             400 if there is no body
     * @throws ConstraintViolationException if a constraint is violated (rendered as 400 with the violations)
     */
    public static <T> T requireValid(Validator validator, T body) {
        if (body == null) {
            throw ProblemException.badRequest("Missing request body", "this request needs a JSON body");
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
