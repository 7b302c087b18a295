package io.tradecoord.coordination.lock.fencing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.persistence.EntityNotFoundException;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fencing rule at the write, through a real JPA provider on the real PostgreSQL. */
class FencedWritesIT {

    private static FencingDatabase db;

    @BeforeAll
    static void open() {
        db = new FencingDatabase();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void newerAndEqualTokensWriteOlderOnesChangeNothing() {
        String id = UUID.randomUUID().toString();
        db.inTransaction(em -> FencedWrites.persist(em, new FencedRecord(id, "created"), 10));

        db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, id, 10, r -> r.content("same grant again")));
        db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, id, 12, r -> r.content("newer grant")));
        var stale = assertThrows(StaleFencingTokenException.class,
                () -> db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, id, 11, r -> r.content("stale"))));
        assertEquals(12, stale.storedToken());
        assertEquals(11, stale.presentedToken());

        FencedRecord stored = db.inTransaction(em -> em.find(FencedRecord.class, id));
        assertEquals("newer grant", stored.content());
        assertEquals(12, stored.getFencingToken());
    }

    /** A holder that read the row before locking it (e.g. to validate a request) must be checked against the row as it is now. */
    @Test
    void aNewerTokenWrittenAfterTheEntityWasLoadedIsSeenAtTheWrite() {
        String id = UUID.randomUUID().toString();
        db.inTransaction(em -> FencedWrites.persist(em, new FencedRecord(id, "created"), 10));

        var stale = assertThrows(StaleFencingTokenException.class, () -> db.inTransaction(em -> {
            em.find(FencedRecord.class, id); // loaded before the lock: token 10 in the persistence context
            db.inTransaction(other -> FencedWrites.update(other, FencedRecord.class, id, 12, r -> r.content("newer grant")));
            return FencedWrites.update(em, FencedRecord.class, id, 11, r -> r.content("stale"));
        }));
        assertEquals(12, stale.storedToken());

        FencedRecord stored = db.inTransaction(em -> em.find(FencedRecord.class, id));
        assertEquals("newer grant", stored.content());
        assertEquals(12, stored.getFencingToken());
    }

    /** The same grant writing twice (its token equal) through a persistence context that read the row first loses no write. */
    @Test
    void aChangeIsAppliedToTheRowAsItIsNowNotToAnEarlierRead() {
        String id = UUID.randomUUID().toString();
        db.inTransaction(em -> FencedWrites.persist(em, new FencedRecord(id, "a"), 10));

        db.inTransaction(em -> {
            em.find(FencedRecord.class, id);
            db.inTransaction(other -> FencedWrites.update(other, FencedRecord.class, id, 10, r -> r.content(r.content() + "b")));
            return FencedWrites.update(em, FencedRecord.class, id, 10, r -> r.content(r.content() + "c"));
        });

        assertEquals("abc", db.inTransaction(em -> em.find(FencedRecord.class, id)).content());
    }

    @Test
    void twoWritesInOneTransactionBothCount() {
        String id = UUID.randomUUID().toString();
        db.inTransaction(em -> FencedWrites.persist(em, new FencedRecord(id, "a"), 10));

        db.inTransaction(em -> {
            FencedWrites.update(em, FencedRecord.class, id, 10, r -> r.content(r.content() + "b"));
            return FencedWrites.update(em, FencedRecord.class, id, 10, r -> r.content(r.content() + "c"));
        });

        assertEquals("abc", db.inTransaction(em -> em.find(FencedRecord.class, id)).content());
    }

    @Test
    void aMissingRowIsNamed() {
        var e = assertThrows(EntityNotFoundException.class,
                () -> db.inTransaction(em -> FencedWrites.update(em, FencedRecord.class, "nope", 1, r -> r.content("x"))));
        assertEquals("FencedRecord nope does not exist", e.getMessage());
    }
}
