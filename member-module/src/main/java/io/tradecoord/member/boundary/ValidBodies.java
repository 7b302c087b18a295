package io.tradecoord.member.boundary;

import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.coordination.http.ProblemMapping;
import io.tradecoord.coordination.http.RequestBodies;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * {@link RequestBodies#requireValid} with its violations already turned into a problem. Thrown as they are, they
 * met Jersey's own mapper for {@code ValidationException} on Payara, which is closer to the exception's type than the
 * library's {@code Throwable} mapper and answers 400 without a body (the server's HTML error page).
 */
final class ValidBodies {

    private ValidBodies() {
    }

    static <T> T require(Validator validator, T body) {
        try {
            return RequestBodies.requireValid(validator, body);
        } catch (ConstraintViolationException invalid) {
            throw new ProblemException(ProblemMapping.problemOf(invalid));
        }
    }
}
