package io.tradecoord.member.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import io.tradecoord.member.entity.Level;
import io.tradecoord.member.entity.Member;
import io.tradecoord.member.entity.PointsAward;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The module's persistence unit as it is shipped (META-INF/persistence.xml, the create script, the mappings and the
 * queries) on Hibernate 6, WildFly's JPA provider, against a real database. Payara's EclipseLink runs the same unit
 * in {@code MemberOnPayaraMicroIT}. Only the transaction type is swapped (no JTA outside a server).
 */
abstract class MemberPersistenceContract {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00.123Z");

    private EntityManagerFactory factory;

    /** The database; the same one for every factory of a test (a restart keeps the data). */
    abstract DataSource database();

    @BeforeEach
    void freshTables() throws SQLException {
        try (Connection connection = database().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS member_points_award");
            statement.execute("DROP TABLE IF EXISTS member_member");
        }
        factory = start();
    }

    @AfterEach
    void stop() {
        if (factory != null) {
            factory.close();
        }
    }

    private EntityManagerFactory start() {
        Map<String, Object> settings = new HashMap<>();
        settings.put("jakarta.persistence.transactionType", "RESOURCE_LOCAL");
        settings.put("jakarta.persistence.nonJtaDataSource", database());
        settings.put("jakarta.persistence.jtaDataSource", database());
        return Persistence.createEntityManagerFactory("member", settings);
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static Member member(String email, Instant at) {
        return new Member(MemberIds.next(), email, "Name of " + email, at);
    }

    @Test
    void theScriptCreatesTheTablesAndARestartKeepsTheData() {
        Member stored = member("ada@example.com", T0);
        inTransaction(em -> FencedWrites.persist(em, stored, 5));
        factory.close();

        factory = start(); // the script runs again on existing tables: IF NOT EXISTS
        Member read = inTransaction(em -> em.find(Member.class, stored.getId()));
        assertEquals("ada@example.com", read.getEmail());
        assertEquals("Name of ada@example.com", read.getDisplayName());
        assertEquals(T0, read.getRegisteredAt(), "instants keep their milliseconds");
        assertEquals(T0, read.getUpdatedAt());
        assertEquals(Level.BRONZE, read.getLevel());
        assertEquals(5, read.getFencingToken());
        assertEquals("BRONZE", inTransaction(em -> em.createNativeQuery(
                "SELECT loyalty_level FROM member_member WHERE member_id = ?1").setParameter(1, stored.getId()).getSingleResult()));
    }

    @Test
    void membersAreFoundByEmailAndListedInRegistrationOrder() {
        Member second = member("b@example.com", T0.plusSeconds(1));
        Member first = member("a@example.com", T0);
        Member third = member("c@example.com", T0.plusSeconds(2));
        inTransaction(em -> {
            List.of(second, first, third).forEach(m -> FencedWrites.persist(em, m, 1));
            return null;
        });

        Members members = new Members(factory.createEntityManager());
        assertEquals(3, members.count());
        assertEquals(List.of(first.getId(), second.getId()), members.page(PageRequest.of(0, 2)).stream().map(Member::getId).toList());
        assertEquals(List.of(third.getId()), members.page(PageRequest.of(1, 2)).stream().map(Member::getId).toList());
        assertEquals(second.getId(), members.findByEmail(EmailAddress.of("B@example.com")).orElseThrow().getId());
        assertTrue(members.findByEmail(EmailAddress.of("nobody@example.com")).isEmpty());
        assertTrue(members.find(first.getId()).isPresent());
        assertTrue(members.find("not-an-id").isEmpty());
    }

    @Test
    void aFencedWriteWithAnOlderTokenChangesNothing() {
        Member stored = member("fenced@example.com", T0);
        inTransaction(em -> FencedWrites.persist(em, stored, 10));

        inTransaction(em -> FencedWrites.update(em, Member.class, stored.getId(), 11, m -> m.awardPoints(1_000, T0.plusSeconds(1))));
        assertThrows(StaleFencingTokenException.class, () -> inTransaction(em ->
                FencedWrites.update(em, Member.class, stored.getId(), 10, m -> m.changeDisplayName("late writer", T0.plusSeconds(2)))));

        Member read = inTransaction(em -> em.find(Member.class, stored.getId()));
        assertEquals(1_000, read.getPoints());
        assertEquals(Level.SILVER, read.getLevel());
        assertEquals("Name of fenced@example.com", read.getDisplayName());
        assertEquals(11, read.getFencingToken());
    }

    @Test
    void theDatabaseRefusesASecondMemberWithTheSameEmailAndASecondAwardForAnOrder() {
        inTransaction(em -> FencedWrites.persist(em, member("same@example.com", T0), 1));
        PersistenceException sameEmail = assertThrows(PersistenceException.class, () -> inTransaction(em -> {
            FencedWrites.persist(em, member("same@example.com", T0), 1);
            em.flush();
            return null;
        }));
        assertTrue(UniqueViolations.isUniqueViolation(sameEmail), () -> "unique violation expected: " + sameEmail);

        String memberId = new Members(factory.createEntityManager()).findByEmail(EmailAddress.of("same@example.com")).orElseThrow().getId();
        inTransaction(em -> {
            em.persist(new PointsAward("order-1", memberId, 12, new BigDecimal("12.99"), T0));
            return null;
        });
        PersistenceException sameOrder = assertThrows(PersistenceException.class, () -> inTransaction(em -> {
            em.persist(new PointsAward("order-1", memberId, 12, new BigDecimal("12.99"), T0.plusSeconds(1)));
            em.flush();
            return null;
        }));
        assertTrue(UniqueViolations.isUniqueViolation(sameOrder), () -> "unique violation expected: " + sameOrder);
        assertFalse(UniqueViolations.isUniqueViolation(new PersistenceException("something else")));
    }

    @Test
    void awardsArePagedPerMemberOldestFirst() {
        Member member = member("awards@example.com", T0);
        Member other = member("other@example.com", T0);
        inTransaction(em -> {
            FencedWrites.persist(em, member, 1);
            FencedWrites.persist(em, other, 1);
            em.persist(new PointsAward("order-b", member.getId(), 20, new BigDecimal("20.50"), T0.plusSeconds(2)));
            em.persist(new PointsAward("order-a", member.getId(), 10, new BigDecimal("10.00"), T0.plusSeconds(1)));
            em.persist(new PointsAward("order-c", member.getId(), 0, new BigDecimal("0.99"), T0.plusSeconds(3)));
            em.persist(new PointsAward("order-x", other.getId(), 5, new BigDecimal("5.00"), T0));
            return null;
        });

        Members members = new Members(factory.createEntityManager());
        assertEquals(3, members.countAwards(member.getId()));
        List<PointsAward> firstPage = members.awards(member.getId(), PageRequest.of(0, 2));
        assertEquals(List.of("order-a", "order-b"), firstPage.stream().map(PointsAward::getOrderId).toList());
        assertEquals(new BigDecimal("20.50"), firstPage.get(1).getOrderTotal());
        assertEquals(T0.plusSeconds(2).truncatedTo(ChronoUnit.MILLIS), firstPage.get(1).getAwardedAt());
        assertEquals(List.of("order-c"), members.awards(member.getId(), PageRequest.of(1, 2)).stream().map(PointsAward::getOrderId).toList());
        assertTrue(members.hasAward("order-x"));
        assertFalse(members.hasAward("order-" + UUID.randomUUID()));
    }
}
