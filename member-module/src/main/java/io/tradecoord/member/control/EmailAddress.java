package io.tradecoord.member.control;

import io.tradecoord.coordination.lock.LockKeys;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An e-mail address as the module stores and compares it: lower case, so that uniqueness ignores case.
 *
 * @param value the lower-cased address
 */
public record EmailAddress(String value) {

    static final String LOCK_PREFIX = "member-email:";

    public EmailAddress {
        Objects.requireNonNull(value, "value");
        if (!value.equals(value.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("use EmailAddress.of to lower-case " + value);
        }
    }

    /** The address as the module keeps it, from an address already validated as such. */
    public static EmailAddress of(String address) {
        return new EmailAddress(address.toLowerCase(Locale.ROOT));
    }

    /**
     * The lock that serializes everyone who wants this address: {@code member-email:<address>}, or, for an address
     * too long for a lock key (an address may have 254 characters, a key 256 with the prefix), its SHA-256.
     */
    public String lockKey() {
        String plain = LOCK_PREFIX + value;
        if (plain.length() <= LockKeys.MAX_LENGTH) {
            return plain;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return LOCK_PREFIX + "sha256:" + HexFormat.of().formatHex(digest); // no '@': cannot clash with an address
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
