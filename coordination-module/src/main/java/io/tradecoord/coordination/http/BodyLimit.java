package io.tradecoord.coordination.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over {@value #MAX_BYTES} bytes with 413, before reading them when the client says the
 * length, and as soon as the limit is crossed when it streams them. The rest of a refused body (up to
 * {@value #DRAIN_BYTES} bytes) is read and dropped before answering: a server that answers with the body half
 * read closes the connection, and a client that reuses it (the JDK's HttpClient does) fails its next request
 * with "EOF reached while reading". Register with an empty subclass:
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
            request.setEntityStream(new Limited(request.getEntityStream()));
        }
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

    private static final class Limited extends FilterInputStream {
        private long count;

        Limited(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
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
    }
}
