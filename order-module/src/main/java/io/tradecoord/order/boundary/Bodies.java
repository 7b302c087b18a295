package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.coordination.http.ProblemMapping;
import io.tradecoord.coordination.http.RequestBodies;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

/**
 * {@link RequestBodies#requireValid} with the violations already turned into a problem: a
 * {@link ConstraintViolationException} leaving the resource would reach Jersey's own mapper for validation
 * exceptions (nearer by type than the shared mapper for Throwable), which answers 400 as an HTML page.
 */
final class Bodies {

    private Bodies() {
    }

    static <T> T valid(Validator validator, T body) {
        try {
            return RequestBodies.requireValid(validator, body);
        } catch (ConstraintViolationException violations) {
            throw new ProblemException(ProblemMapping.problemOf(violations));
        }
    }
}
