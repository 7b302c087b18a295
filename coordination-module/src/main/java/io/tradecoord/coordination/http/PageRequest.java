package io.tradecoord.coordination.http;

/**
 * Which page of a list a client asked for ({@code ?page=0&size=20}): pages count from 0, a page holds 1 to
 * {@value #MAX_SIZE} items, {@value #DEFAULT_SIZE} by default.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    /**
     * @param page query parameter, may be null (0)
     * @param size query parameter, may be null ({@value #DEFAULT_SIZE})
     * @throws ProblemException 400 if either is out of range
     */
    public static PageRequest of(Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw ProblemException.badRequest("Invalid page", "page must be 0 or more, was " + p);
        }
        if (s < 1 || s > MAX_SIZE) {
            throw ProblemException.badRequest("Invalid page size", "size must be between 1 and " + MAX_SIZE + ", was " + s);
        }
        if ((long) p * s > Integer.MAX_VALUE) {
            throw ProblemException.badRequest("Invalid page", "page " + p + " of size " + s + " is beyond any list");
        }
        return new PageRequest(p, s);
    }

    /**
     * The paging query parameters as the client wrote them ({@code @QueryParam String}: JAX-RS answers an
     * unconvertible {@code int} parameter with 404, while a malformed page is the client's mistake). Each must be a
     * whole number as written (ASCII digits, an optional '-'; no spaces, no '+'); missing or empty means the default.
     *
     * @throws ProblemException 400 naming the parameter if one is not a whole number or out of range
     */
    public static PageRequest parse(String page, String size) {
        return of(wholeNumber("page", page), wholeNumber("size", size));
    }

    private static Integer wholeNumber(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            if (!text.matches("-?[0-9]{1,10}")) {
                throw new NumberFormatException(text);
            }
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            String shown = text.length() <= 40 ? text : text.substring(0, 40) + "...";
            throw ProblemException.badRequest("Invalid " + name, name + " must be a whole number, was '" + shown + "'");
        }
    }

    public int offset() {
        return page * size;
    }
}
