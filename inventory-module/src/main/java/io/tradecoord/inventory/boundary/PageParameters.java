package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.http.ProblemException;

/**
 * Paging query parameters read as text: JAX-RS answers an unconvertible {@code @QueryParam int} with 404, while a
 * bad page is the client's mistake (400).
 */
final class PageParameters {

    private PageParameters() {
    }

    static PageRequest of(String page, String size) {
        return PageRequest.of(number("page", page), number("size", size));
    }

    private static Integer number(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Invalid " + name, name + " must be a whole number, was '" + clip(value) + "'");
        }
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
