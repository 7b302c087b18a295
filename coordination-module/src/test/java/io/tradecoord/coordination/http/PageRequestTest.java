package io.tradecoord.coordination.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The one paging parser every module's boundary uses. */
class PageRequestTest {

    @Test
    void missingOrEmptyParametersMeanTheDefaults() {
        assertEquals(new PageRequest(0, PageRequest.DEFAULT_SIZE), PageRequest.parse(null, null));
        assertEquals(new PageRequest(0, PageRequest.DEFAULT_SIZE), PageRequest.parse("", ""));
        assertEquals(new PageRequest(3, 7), PageRequest.parse("3", "7"));
        assertEquals(21, PageRequest.parse("3", "7").offset());
    }

    @Test
    void anythingButAWholeNumberAsWrittenIsA400NamingTheParameter() {
        for (String bad : new String[] {" 1", "1 ", "+1", "1.0", "1e2", "first", "٣", "0x10", "99999999999", "--1"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> PageRequest.parse(bad, null), bad);
            assertEquals(400, e.problem().status(), bad);
            assertEquals("Invalid page", e.problem().title(), bad);
        }
        assertEquals("Invalid size", assertThrows(ProblemException.class, () -> PageRequest.parse(null, " 5")).problem().title());
    }

    @Test
    void outOfRangeValuesAreA400() {
        assertEquals("Invalid page", assertThrows(ProblemException.class, () -> PageRequest.parse("-1", null)).problem().title());
        assertEquals("Invalid page size", assertThrows(ProblemException.class, () -> PageRequest.parse(null, "0")).problem().title());
        assertEquals("Invalid page size", assertThrows(ProblemException.class, () -> PageRequest.parse(null, "101")).problem().title());
        assertEquals("Invalid page", assertThrows(ProblemException.class, () -> PageRequest.parse("2147483647", "100")).problem().title());
    }
}
