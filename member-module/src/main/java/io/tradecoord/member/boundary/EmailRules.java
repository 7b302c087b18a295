package io.tradecoord.member.boundary;

import io.tradecoord.member.control.EmailAddress;

/** What the API accepts as an e-mail address, beyond Bean Validation's {@code @Email}. */
final class EmailRules {

    /**
     * name@domain.tld without whitespace or control characters: {@code @Email} alone accepts {@code a@b} and leaves
     * control characters to chance, and the address becomes part of a lock key, which may not contain them.
     */
    static final String SHAPE = "[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+";
    static final String SHAPE_MESSAGE = "must be an address like name@example.com";

    private EmailRules() {
    }

    /**
     * The address as the module stores it ({@link EmailAddress#of}: stripped, lower-cased), so that every rule is
     * checked on the stored value: lower-casing may lengthen it ("İ" becomes "i̇", two characters).
     */
    static String normalized(String address) {
        return address == null ? null : EmailAddress.of(address.strip()).value();
    }
}
