package io.tradecoord.member.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.http.ProblemException;
import org.junit.jupiter.api.Test;

class MergePatchReaderTest {

    @Test
    void aFieldLeftOutStaysNull() {
        ProfilePatch patch = MergePatchReader.read("{\"displayName\":\"  Ada L. \"}");
        assertNull(patch.email());
        assertEquals("Ada L.", patch.displayName());
        ProfilePatch empty = MergePatchReader.read("{}");
        assertNull(empty.email());
        assertNull(empty.displayName());
        assertEquals("ada@example.org", MergePatchReader.read("{\"email\":\"ada@example.org\"}").email());
    }

    @Test
    void explicitNullIsRefusedNamingTheField() {
        ProblemException refused = assertThrows(ProblemException.class, () -> MergePatchReader.read("{\"email\":null}"));
        assertEquals(400, refused.problem().status());
        assertTrue(refused.problem().detail().startsWith("email "), refused.problem().detail());
        assertEquals("email", refused.problem().extensions().get("violations").asJsonArray().getJsonObject(0).getString("field"));
    }

    @Test
    void unknownFieldsAndNonStringsAreRefused() {
        ProblemException unknown = assertThrows(ProblemException.class, () -> MergePatchReader.read("{\"points\":5000}"));
        assertEquals(400, unknown.problem().status());
        assertTrue(unknown.problem().detail().contains("points"), unknown.problem().detail());

        ProblemException number = assertThrows(ProblemException.class, () -> MergePatchReader.read("{\"displayName\":7}"));
        assertTrue(number.problem().detail().contains("must be a string"), number.problem().detail());
    }

    @Test
    void bodiesThatAreNotAJsonObjectAreRefused() {
        for (String body : new String[] {null, "", "  ", "{", "[]", "\"x\"", "{\"email\":\"a@b.c\"} trailing"}) {
            ProblemException refused = assertThrows(ProblemException.class, () -> MergePatchReader.read(body), String.valueOf(body));
            assertEquals(400, refused.problem().status(), String.valueOf(body));
        }
    }
}
