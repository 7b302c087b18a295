package io.tradecoord.member.boundary;

import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.http.ProblemException;

/**
 * Reads {@code ?page=&size=} from their text: a JAX-RS {@code Integer} parameter that is not a number answers
 * 404 on some servers, where a malformed query deserves 400.
 */
final class Paging {

    private Paging() {
    }

    static PageRequest of(String page, String size) {
        return PageRequest.of(number("page", page), number("size", size));
    }

    private static Integer number(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("Invalid " + name, name + " must be a whole number, was \"" + clip(text) + "\"");
        }
    }

    private static String clip(String text) {
        return text.length() <= 20 ? text : text.substring(0, 20) + "...";
    }
}
