package io.tradecoord.member.control;

import java.util.UUID;
import java.util.regex.Pattern;

/** Member ids are random UUIDs in their canonical text form. */
public final class MemberIds {

    private static final Pattern CANONICAL = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private MemberIds() {
    }

    public static String next() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code text} could be a member id; anything else names no member (and never becomes a lock key). */
    public static boolean isWellFormed(String text) {
        return text != null && CANONICAL.matcher(text).matches();
    }

    public static String lockKey(String memberId) {
        return "member:" + memberId;
    }
}
