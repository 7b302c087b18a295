package io.tradecoord.member.control;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The persistence unit on Hibernate 6 and PostgreSQL (started by {@code scripts/services.sh start}; the test fails,
 * never skips, without it). Properties {@code test.postgres.url} / {@code test.postgres.user} override the address.
 */
class MemberPersistenceOnPostgresIT extends MemberPersistenceContract {

    private static final String URL = System.getProperty("test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getProperty("test.postgres.user", "postgres");

    private final PGSimpleDataSource database = new PGSimpleDataSource();

    MemberPersistenceOnPostgresIT() {
        database.setURL(URL);
        database.setUser(USER);
    }

    @BeforeEach
    void reachable() {
        try (Connection connection = database.getConnection()) {
            connection.isValid(2);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is not reachable at " + URL + " (start it with: scripts/services.sh start): " + e, e);
        }
    }

    @Override
    DataSource database() {
        return database;
    }
}
