package io.tradecoord.order.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** What a client asks to order, already validated at the boundary. */
public record NewOrder(String memberId, List<Line> lines) {

    public record Line(String sku, int quantity) {
    }

    public NewOrder {
        lines = List.copyOf(lines);
    }

    /**
     * A digest of the request's meaning (member and lines, in order): a retry with the same idempotency key must
     * ask for the same thing; JSON spacing or field order do not matter.
     */
    public String fingerprint() {
        StringBuilder canonical = new StringBuilder(memberId);
        for (Line line : lines) {
            canonical.append('\u0000').append(line.sku()).append('\u0001').append(line.quantity());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
