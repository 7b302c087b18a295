package io.tradecoord.inventory.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import io.tradecoord.inventory.entity.Movement;
import io.tradecoord.inventory.entity.Reservation;
import io.tradecoord.inventory.entity.ReservationLine;
import io.tradecoord.inventory.entity.ReservationStatus;
import io.tradecoord.inventory.entity.Sku;
import io.tradecoord.inventory.entity.StockChange;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.spi.PersistenceProvider;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The module's persistence unit (its persistence.xml and create script, unchanged) on both servers' JPA providers
 * and both databases: Hibernate as on WildFly, EclipseLink as on Payara, each on H2 (the servers' default
 * datasource) and on PostgreSQL 127.0.0.1:5432/test (the test servers' datasource; each run in a schema of its
 * own). Plain JPA through the provider's container entry point, outside any server.
 */
class PersistencePortabilityIT {

    private static final Instant T0 = Instant.parse("2026-11-30T07:00:00.123456789Z");

    /** One provider on one database. */
    record Backend(String name, String providerClass, Function<String, DataSource> database) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Backend> backends() {
        String hibernate = "org.hibernate.jpa.HibernatePersistenceProvider";
        String eclipseLink = "org.eclipse.persistence.jpa.PersistenceProvider";
        return Stream.of(
                new Backend("Hibernate on H2", hibernate, PersistencePortabilityIT::h2),
                new Backend("EclipseLink on H2", eclipseLink, PersistencePortabilityIT::h2),
                new Backend("Hibernate on PostgreSQL", hibernate, PersistencePortabilityIT::postgres),
                new Backend("EclipseLink on PostgreSQL", eclipseLink, PersistencePortabilityIT::postgres));
    }

    private static DataSource h2(String database) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** A fresh schema per database name, so the runs neither meet each other nor the servers' tables. */
    private static DataSource postgres(String database) {
        postgresAdmin("CREATE SCHEMA " + database);
        SCHEMAS.add(database);
        PGSimpleDataSource schema = new PGSimpleDataSource();
        schema.setURL("jdbc:postgresql://127.0.0.1:5432/test?currentSchema=" + database);
        schema.setUser("postgres");
        return schema;
    }

    private static final List<String> SCHEMAS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void postgresAdmin(String sql) {
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL("jdbc:postgresql://127.0.0.1:5432/test");
        admin.setUser("postgres");
        try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (Exception e) {
            throw new AssertionError("PostgreSQL on 127.0.0.1:5432 (database test, user postgres) is needed: " + e, e);
        }
    }

    @AfterAll
    static void dropSchemas() {
        SCHEMAS.forEach(schema -> postgresAdmin("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    private static String databaseName(Backend backend) {
        return ("inventory_it_" + backend.name() + "_" + Long.toString(System.nanoTime(), 36)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
    }

    private static EntityManagerFactory start(Backend backend, DataSource dataSource) throws Exception {
        PersistenceProvider provider = (PersistenceProvider) Class.forName(backend.providerClass()).getDeclaredConstructor().newInstance();
        Map<String, Object> settings = new HashMap<>();
        settings.put("eclipselink.weaving", "false");
        settings.put("eclipselink.logging.level", "WARNING");
        EntityManagerFactory factory = provider.createContainerEntityManagerFactory(new PersistenceUnitOfTheModule(backend.providerClass(), dataSource), settings);
        factory.createEntityManager().close(); // EclipseLink deploys (and runs the script) on first use
        return factory;
    }

    private static void inTransaction(EntityManagerFactory factory, Consumer<EntityManager> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            work.accept(em);
            em.getTransaction().commit();
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private static <T> T read(EntityManagerFactory factory, Function<EntityManager, T> query) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = query.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            em.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void scriptCreatesTheTablesAndARestartKeepsTheData(Backend backend) throws Exception {
        DataSource database = backend.database().apply(databaseName(backend));
        EntityManagerFactory first = start(backend, database);
        inTransaction(first, em -> FencedWrites.persist(em, new Sku("KEEP-1", "kept", new BigDecimal("19.9"), 7, T0), 3));
        first.close();

        EntityManagerFactory second = start(backend, database); // the script runs again on existing tables
        try {
            Sku kept = read(second, em -> em.find(Sku.class, "KEEP-1"));
            assertNotNull(kept, "the row survives a restart");
            assertEquals(new BigDecimal("19.90"), kept.getUnitPrice());
            assertEquals(7, kept.getOnHand());
            assertEquals(3, kept.getFencingToken());
            assertEquals(Instant.parse("2026-11-30T07:00:00.123456Z"), kept.getUpdatedAt(), "an instant to the microsecond");
        } finally {
            second.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void stockWritesAreFencedAndLedgered(Backend backend) throws Exception {
        EntityManagerFactory factory = start(backend, backend.database().apply(databaseName(backend)));
        try {
            inTransaction(factory, em -> {
                Sku sku = FencedWrites.persist(em, new Sku("F-1", "fenced", BigDecimal.TEN, 5, T0), 5);
                em.persist(Movement.after(sku, StockChange.CREATED, 5, null, null, T0));
            });
            inTransaction(factory, em -> {
                Sku sku = FencedWrites.update(em, Sku.class, "F-1", 6, row -> row.reserve(2, T0.plusSeconds(1)));
                em.persist(Movement.after(sku, StockChange.RESERVED, 2, "order-1", null, T0.plusSeconds(1)));
            });
            assertThrows(StaleFencingTokenException.class,
                    () -> inTransaction(factory, em -> FencedWrites.update(em, Sku.class, "F-1", 4, row -> row.reserve(1, T0))));

            Sku sku = read(factory, em -> em.find(Sku.class, "F-1"));
            assertEquals(List.of(5L, 2L, 3L, 6L), List.of(sku.getOnHand(), sku.getReserved(), sku.available(), sku.getFencingToken()));
            assertEquals(2, sku.getMovementCount());

            SkuCatalog catalog = new SkuCatalog();
            Page<Movement> ledger = read(factory, em -> {
                catalog.em = em;
                return catalog.movements("F-1", PageRequest.of(0, 10));
            });
            assertEquals(2, ledger.totalItems());
            Movement reserved = ledger.items().get(1);
            assertEquals(List.of(2L, 2L, 3L), List.of(reserved.getSeq(), reserved.getReserved(), reserved.getAvailable()));
            assertEquals(StockChange.RESERVED, reserved.getChange());
            assertEquals("order-1", reserved.getOrderId());
        } finally {
            factory.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theDatabaseRefusesAvailableBelowZero(Backend backend) throws Exception {
        EntityManagerFactory factory = start(backend, backend.database().apply(databaseName(backend)));
        try {
            inTransaction(factory, em -> FencedWrites.persist(em, new Sku("CK-1", "checked", BigDecimal.ONE, 2, T0), 1));
            assertThrows(RuntimeException.class, () -> inTransaction(factory, em -> em
                    .createNativeQuery("UPDATE inventory_sku SET reserved = on_hand + 1 WHERE sku = 'CK-1'").executeUpdate()));
            assertThrows(RuntimeException.class, () -> inTransaction(factory, em -> em
                    .createNativeQuery("UPDATE inventory_sku SET reserved = -1 WHERE sku = 'CK-1'").executeUpdate()));
            assertEquals(0, read(factory, em -> em.find(Sku.class, "CK-1")).getReserved());
        } finally {
            factory.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void reservationsKeepTheirLinesAndStatus(Backend backend) throws Exception {
        EntityManagerFactory factory = start(backend, backend.database().apply(databaseName(backend)));
        try {
            inTransaction(factory, em -> {
                em.persist(Reservation.reserved("o-1", List.of(new ReservationLine("B", 1, new BigDecimal("2.5")),
                        new ReservationLine("A", 3, new BigDecimal("1.25"))), T0));
                em.persist(Reservation.cancelledBeforePlaced("o-2", "order was cancelled before it was placed", T0));
            });
            inTransaction(factory, em -> em.find(Reservation.class, "o-1").release("order was cancelled", T0));
            inTransaction(factory, em -> em.find(Reservation.class, "o-2")
                    .placedAfterCancel(List.of(new ReservationLine("Z", 1, null), new ReservationLine("A", 2, null)), T0));

            Reservation released = read(factory, em -> em.find(Reservation.class, "o-1"));
            assertEquals(ReservationStatus.RELEASED, released.getStatus());
            assertEquals(List.of("A 3 1.25", "B 1 2.50"), released.getLines().stream()
                    .map(l -> l.getSku() + " " + l.getQuantity() + " " + l.getUnitPrice()).toList());
            Reservation tombstone = read(factory, em -> em.find(Reservation.class, "o-2"));
            assertEquals(ReservationStatus.CANCELLED_BEFORE_PLACED, tombstone.getStatus());
            assertTrue(tombstone.isPlacedReceived());
            assertEquals(List.of("A 2 null", "Z 1 null"), tombstone.getLines().stream()
                    .map(l -> l.getSku() + " " + l.getQuantity() + " " + l.getUnitPrice()).toList());
        } finally {
            factory.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void skuListIsPagedInCodeOrder(Backend backend) throws Exception {
        EntityManagerFactory factory = start(backend, backend.database().apply(databaseName(backend)));
        try {
            inTransaction(factory, em -> {
                for (String code : List.of("C", "E", "A", "D", "B")) {
                    em.persist(new Sku(code, code, BigDecimal.ONE, 1, T0));
                }
            });
            SkuCatalog catalog = new SkuCatalog();
            Page<Sku> page = read(factory, em -> {
                catalog.em = em;
                return catalog.list(PageRequest.of(1, 2));
            });
            assertEquals(List.of("C", "D"), page.items().stream().map(Sku::getCode).toList());
            assertEquals(5, page.totalItems());
            assertEquals(3, page.totalPages());
        } finally {
            factory.close();
        }
    }
}
