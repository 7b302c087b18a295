package io.tradecoord.coordination.http;

/**
 * Follows how deep the objects and arrays of a JSON text nest, byte by byte as it streams in (UTF-8: brackets,
 * quotes and backslashes are single bytes and never part of a multi-byte character). No request of the product nests
 * deeper than a few levels; the bound keeps a hostile body from driving a recursive parser into a stack overflow or
 * its own depth error, both of which the servers answer with 500.
 */
final class JsonNesting {

    static final int MAX_DEPTH = 32;

    private int depth;
    private boolean inString;
    private boolean escaped;

    /** Takes the next bytes; false once the text nests deeper than {@link #MAX_DEPTH}. */
    boolean accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '{' || b == '[') {
                if (++depth > MAX_DEPTH) {
                    return false;
                }
            } else if (b == '}' || b == ']') {
                depth--;
            }
        }
        return true;
    }
}
