package io.tradecoord.member.control;

import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The persistence unit on Hibernate 6 and H2 2.x (the servers' default database). */
class MemberPersistenceOnH2IT extends MemberPersistenceContract {

    // DB_CLOSE_DELAY=-1: the in-memory database outlives a closed factory, like a database outlives a restart
    private final JdbcDataSource database = new JdbcDataSource();

    MemberPersistenceOnH2IT() {
        database.setURL("jdbc:h2:mem:member-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    @Override
    DataSource database() {
        return database;
    }
}
