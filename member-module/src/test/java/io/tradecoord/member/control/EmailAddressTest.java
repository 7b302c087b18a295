package io.tradecoord.member.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.lock.LockKeys;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void addressesAreKeptInLowerCaseSoThatCaseDoesNotMakeThemDifferent() {
        assertEquals(EmailAddress.of("ada@example.com"), EmailAddress.of("Ada@Example.COM"));
        assertEquals("ada@example.com", EmailAddress.of("ADA@EXAMPLE.COM").value());
        assertThrows(IllegalArgumentException.class, () -> new EmailAddress("Ada@example.com"));
    }

    @Test
    void theLockKeyNamesTheAddress() {
        assertEquals("member-email:ada@example.com", EmailAddress.of("Ada@example.com").lockKey());
    }

    @Test
    void anAddressTooLongForALockKeyIsLockedByItsHash() {
        String local = "a".repeat(64);
        String longest = local + "@" + "b".repeat(185) + ".com"; // 254 characters, the most an address may have
        assertEquals(254, longest.length());

        String key = EmailAddress.of(longest).lockKey();

        assertTrue(key.length() <= LockKeys.MAX_LENGTH, key);
        assertEquals(key, LockKeys.requireValid(key));
        assertTrue(key.startsWith("member-email:sha256:"), key);
        assertEquals(key, EmailAddress.of(longest.toUpperCase()).lockKey());
        assertNotEquals(key, EmailAddress.of(longest.replace("a@", "c@")).lockKey());
    }

    @Test
    void memberIdsAreCanonicalUuids() {
        String id = MemberIds.next();
        assertTrue(MemberIds.isWellFormed(id));
        assertEquals("member:" + id, MemberIds.lockKey(id));
        assertEquals(false, MemberIds.isWellFormed(id.toUpperCase()));
        assertEquals(false, MemberIds.isWellFormed("x" + id));
        assertEquals(false, MemberIds.isWellFormed(null));
    }
}
