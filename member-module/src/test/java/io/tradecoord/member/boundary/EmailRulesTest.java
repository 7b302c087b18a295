package io.tradecoord.member.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.member.control.EmailAddress;
import io.tradecoord.member.entity.Member;
import jakarta.validation.constraints.Size;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Bean Validation checks the request's fields; the store keeps {@link EmailAddress#of}'s value. The two must be the same
 * string, or an address that grows when lower-cased passes the length check and overflows the column.
 */
class EmailRulesTest {

    /** 254 characters as sent; "İ" (U+0130) lower-cases to "i̇" (two chars), so 255 as stored. */
    static final String GROWS = "\u0130" + "a".repeat(62) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(58) + ".com";

    @Test
    void anAddressIsValidatedAsItIsStored() {
        assertEquals(Member.MAX_EMAIL_LENGTH, GROWS.length());
        String stored = EmailAddress.of(GROWS).value();
        assertEquals(Member.MAX_EMAIL_LENGTH + 1, stored.length());

        check(new Registration("  " + GROWS + " ", "Ada").email(), stored, Registration.class);
        check(new ProfilePatch(GROWS, null).email(), stored, ProfilePatch.class);
    }

    @Test
    void theNormalizedValueIsWhatTheModuleKeeps() {
        Function<String, String> registered = address -> new Registration(address, "Ada").email();
        assertEquals("ada@example.com", registered.apply(" Ada@Example.COM "));
        assertEquals("ada@example.com", new ProfilePatch("ADA@example.com", null).email());
        assertEquals(null, registered.apply(null), "missing stays missing, for @NotNull to name it");
        assertEquals(null, new ProfilePatch(null, "Ada").email(), "left out stays left out");
    }

    private static void check(String validated, String stored, Class<?> body) {
        assertEquals(stored, validated, body.getSimpleName() + ".email must be the value that is stored");
        int max = sizeOf(body).max();
        assertTrue(validated.length() > max, body.getSimpleName() + ": @Size(max = " + max + ") refuses " + validated.length() + " characters");
    }

    private static Size sizeOf(Class<?> body) {
        try {
            return body.getDeclaredField("email").getAnnotation(Size.class);
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
