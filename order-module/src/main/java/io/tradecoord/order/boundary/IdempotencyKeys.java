package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.ProblemException;
import java.util.regex.Pattern;

/** The {@code Idempotency-Key} request header: 1 to 128 visible ASCII characters. */
final class IdempotencyKeys {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final int MAX_LENGTH = 128;

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1," + MAX_LENGTH + "}");

    private IdempotencyKeys() {
    }

    /** @throws ProblemException 400 if the header's value is not a usable key */
    static String require(String header) {
        if (!VISIBLE_ASCII.matcher(header).matches()) {
            throw ProblemException.badRequest("Invalid Idempotency-Key",
                    "the Idempotency-Key header must be 1 to " + MAX_LENGTH + " visible ASCII characters (no spaces), e.g. a UUID");
        }
        return header;
    }
}
