package io.tradecoord.inventory.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * At start: checks the module's configuration, and on the in-JVM lock backend resets the fencing tokens stored in
 * the stock rows.
 * <p>
 * Why: the in-JVM backend counts fencing tokens from 1 again whenever its runtime starts (docs/locks.md), while the
 * rows keep the tokens of the previous run; every write would then look stale and be refused. With that backend
 * every lock holder lives in this JVM, and a new runtime means the holders of the previous one are gone, so
 * starting the rows from 0 again is safe. The Redis and ZooKeeper backends keep their counters: nothing is reset.
 */
@ApplicationScoped
public class FencingTokenReset {

    private static final System.Logger LOG = System.getLogger(FencingTokenReset.class.getName());

    @Inject
    InventorySettings settings;

    @Inject
    StockLocks locks;

    // the datasource of the persistence unit (persistence.xml); plain JDBC: no entity manager during start-up
    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    void started(@Observes @Initialized(jakarta.enterprise.context.ApplicationScoped.class) Object event) {
        // a server that shares CDI across the EAR also reports the other modules' start
        if (event instanceof ServletContext context && context.getClassLoader() != getClass().getClassLoader()) {
            return;
        }
        settings.lockWait(); // a wrong inventory.* value fails the deployment, naming the key
        if ("local".equals(locks.backend())) {
            resetTokens();
        }
    }

    private void resetTokens() {
        try (Connection connection = dataSource.getConnection()) {
            int rows = resetTokens(connection);
            LOG.log(Level.INFO, "in-JVM locks: fencing tokens of " + rows + " SKU row(s) reset for this run's token counter");
        } catch (SQLException e) {
            // no table yet (nothing to reset) or no database: writes will tell
            LOG.log(Level.WARNING, "could not reset the fencing tokens of the SKU rows: " + e.getMessage());
        }
    }

    /** @return the rows reset */
    static int resetTokens(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("UPDATE inventory_sku SET fencing_token = 0 WHERE fencing_token <> 0");
        }
    }
}
