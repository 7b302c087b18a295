package io.tradecoord.coordination.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What makes a state-changing request repeatable: its {@code Idempotency-Key} (null: the client sent none), the
 * caller the key belongs to ({@code scope}), and a fingerprint of what was asked (operation and content), so that
 * a key reused for something else is recognised.
 *
 * @param key         the client's key, or null when it sent none (the request then simply runs)
 * @param scope       whose key it is: the same key sent by two callers names two different requests
 * @param fingerprint SHA-256 (hex) of the operation and the request's content
 */
public record IdempotentRequest(String key, String scope, String fingerprint) {

    /** The request header that carries the key. */
    public static final String KEY_HEADER = "Idempotency-Key";
    /** The response header that marks an answer given again: {@code Idempotent-Replayed: true}. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    public static final int MAX_KEY_LENGTH = 128;

    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1," + MAX_KEY_LENGTH + "}");
    private static final Jsonb JSON = JsonbBuilder.create();

    /**
     * @param keyHeader the {@code Idempotency-Key} header's value, or null
     * @param scope     whose key it is (e.g. the member the request acts for; "" where the request names nobody)
     * @param operation what is asked, e.g. {@code "POST skus/apple/adjustments"} (a key reused on another resource
     *                  is another request)
     * @param content   what the request asks, serialized with JSON-B to fingerprint it: the validated body as a public
     *                  record, a list of its values, or a canonical string; null when there is no body. (A class
     *                  without getters serializes as {@code {}}, which would make all its requests alike.)
     * @throws ProblemException 400 if the header is present but not 1 to 128 visible ASCII characters
     */
    public static IdempotentRequest of(String keyHeader, String scope, String operation, Object content) {
        String key = keyHeader == null ? null : requireKey(keyHeader);
        String body = content == null ? "" : json(content);
        return new IdempotentRequest(key, scope == null ? "" : scope, sha256(operation + "\n" + body));
    }

    /** {@code content} as JSON-B writes it; a string is taken as it is. */
    static String json(Object content) {
        return content instanceof String text ? text : JSON.toJson(content);
    }

    /** Whether the client sent a key. */
    public boolean hasKey() {
        return key != null;
    }

    /** The key within its scope, hashed: two callers' equal keys never meet. */
    String scopedKey() {
        return sha256(scope + "\u0000" + key);
    }

    /** @throws ProblemException 400 if {@code header} is not a usable key */
    static String requireKey(String header) {
        if (!VISIBLE_ASCII.matcher(header).matches()) {
            throw ProblemException.badRequest("Invalid Idempotency-Key",
                    "the Idempotency-Key header must be 1 to " + MAX_KEY_LENGTH + " visible ASCII characters (no spaces), e.g. a UUID");
        }
        return header;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
