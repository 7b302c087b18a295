package io.tradecoord.coordination.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with 413, before reading them when the client says the
 * length, and as soon as the limit is crossed when it streams them. The rest of a refused body (up to
 * {@value #DRAIN_BYTES} bytes) is read and dropped before answering: a server that answers with the body half
 * read closes the connection, and a client that reuses it (the JDK's HttpClient does) fails its next request
 * with "EOF reached while reading". A JSON body nested deeper than {@value JsonNesting#MAX_DEPTH} levels is refused
 * with 400 as it streams in, before a parser recurses into it. Register with an empty subclass:
 * {@code @Provider public class BodyLimits extends BodyLimit {}}.
 */
public class BodyLimit implements ContainerRequestFilter {

    public static final int MAX_BYTES = 64 * 1024;
    static final int DRAIN_BYTES = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > MAX_BYTES) {
            if (request.getLength() <= DRAIN_BYTES) {
                drain(request.getEntityStream());
            }
            throw tooLarge();
        }
        if (request.hasEntity()) {
            request.setEntityStream(new Limited(request.getEntityStream(), isJson(request.getMediaType()) ? new JsonNesting() : null));
        }
    }

    /** JSON, or no declared type (refused later with 415, but not parsed deeply first). */
    private static boolean isJson(MediaType type) {
        return type == null || "json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json");
    }

    /** Reads and drops what is left of a refused body, so the connection stays usable. */
    static void drain(InputStream body) {
        byte[] buffer = new byte[8192];
        long total = 0;
        try {
            for (int n; total < DRAIN_BYTES && (n = body.read(buffer)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away: nothing left to keep open
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(new Problem(413, "Request body too large", "a request body may hold at most " + MAX_BYTES + " bytes"));
    }

    private static ProblemException tooDeep() {
        return ProblemException.badRequest("JSON nested too deep",
                "a request body may nest objects and arrays at most " + JsonNesting.MAX_DEPTH + " levels deep");
    }

    private static final class Limited extends FilterInputStream {
        private final JsonNesting nesting;
        private long count;

        Limited(InputStream in, JsonNesting nesting) {
            super(in);
            this.nesting = nesting;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
                check(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                check(buffer, offset, n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > MAX_BYTES) {
                drain(in);
                throw tooLarge();
            }
        }

        /** Refuses the body before a parser recurses into it: the servers' parsers fail with a 500 on deep input. */
        private void check(byte[] bytes, int offset, int length) {
            if (nesting != null && !nesting.accept(bytes, offset, length)) {
                drain(in);
                throw tooDeep();
            }
        }
    }
}
