package io.tradecoord.member.boundary;

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
}
