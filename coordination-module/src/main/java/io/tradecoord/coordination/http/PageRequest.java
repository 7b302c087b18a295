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

    public int offset() {
        return page * size;
    }
}
