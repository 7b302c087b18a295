package io.tradecoord.member.control;

import io.tradecoord.coordination.lock.DistributedLocks;
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
 * With the in-JVM lock backend, fencing tokens start again at 1 when the JVM starts, while the rows keep the
 * tokens of the previous run: every write would then be refused as stale. docs/locks.md prescribes resetting the
 * stored tokens at start for that backend; no holder of the previous run can still write (in-JVM locks only
 * coordinate one JVM). Distributed backends keep their counters, so nothing is reset for them.
 */
@ApplicationScoped
public class LocalFencingTokenReset {

    private static final System.Logger LOG = System.getLogger(LocalFencingTokenReset.class.getName());

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @Inject
    DistributedLocks locks;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // a server that shares CDI across an EAR also reports the other modules' starts
        if (started instanceof ServletContext context && context.getClassLoader() != getClass().getClassLoader()) {
            return;
        }
        if (!"local".equals(locks.backend())) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            int rows = statement.executeUpdate("UPDATE member_member SET fencing_token = 0 WHERE fencing_token <> 0");
            LOG.log(Level.INFO, "in-JVM locks: fencing tokens of {0} members reset for this run", rows);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "in-JVM locks: could not reset the members' fencing tokens (writes to members fenced by a previous run will be refused until then)", e);
        }
    }
}
