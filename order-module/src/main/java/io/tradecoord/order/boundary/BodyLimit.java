package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.ProblemException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Request bodies of at most 64 KiB (the shared filter), plus one thing it does not do yet: before answering 413 it
 * reads and discards the rest of the refused body (up to {@value #DRAIN_LIMIT} bytes). Otherwise the server closes
 * the connection with the body half read, and the JDK's HttpClient, which got its 413, then sends its NEXT request
 * on that dead connection and fails with "EOF reached while reading".
 */
@Provider
public class BodyLimit extends io.tradecoord.coordination.http.BodyLimit {

    static final long DRAIN_LIMIT = 1024 * 1024;

    @Override
    public void filter(ContainerRequestContext request) {
        InputStream original = request.getEntityStream();
        try {
            super.filter(request);
        } catch (ProblemException tooLarge) {
            drain(original);
            throw tooLarge;
        }
        if (request.hasEntity() && request.getEntityStream() != original) {
            request.setEntityStream(new DrainingWhenRefused(request.getEntityStream(), original));
        }
    }

    static void drain(InputStream body) {
        try {
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; total < DRAIN_LIMIT && (n = body.read(buffer)) > 0; ) {
                total += n;
            }
        } catch (IOException e) {
            // the client went away: nothing left to keep open
        }
    }

    /** The shared limiter, draining the original stream when it refuses a streamed body mid-way. */
    private static final class DrainingWhenRefused extends FilterInputStream {
        private final InputStream original;

        DrainingWhenRefused(InputStream limited, InputStream original) {
            super(limited);
            this.original = original;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (ProblemException tooLarge) {
                drain(original);
                throw tooLarge;
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                return super.read(buffer, offset, length);
            } catch (ProblemException tooLarge) {
                drain(original);
                throw tooLarge;
            }
        }
    }
}
