package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A module WAR as the bus reaches it from library threads: every call goes through a contextual proxy that the
 * module made of itself at start-up (Jakarta Concurrency's {@link ContextService}), so it runs with the
 * module's class loader, JNDI ({@code java:comp}) and CDI, which a library thread does not have on its own.
 * Inside, a JTA transaction of the module; the connection comes from the module's datasource and is enlisted.
 */
final class CdiModuleHost implements ModuleHost {

    /** What the contextual proxy exposes: run something in the module's context. */
    public interface InModule {
        Object call(Callable<?> work) throws Exception;
    }

    private final String module;
    private final Map<String, Class<?>> consumedTopics;
    private final InModule inModule;
    private final BeanManager beanManager;
    private final String dataSourceName;

    private CdiModuleHost(String module, Map<String, Class<?>> consumedTopics, InModule inModule, BeanManager beanManager,
            String dataSourceName) {
        this.module = module;
        this.consumedTopics = consumedTopics;
        this.inModule = inModule;
        this.beanManager = beanManager;
        this.dataSourceName = dataSourceName;
    }

    /** Must be called in the module's own context (its start-up observer). */
    static CdiModuleHost create(String module, Map<String, Class<?>> consumedTopics, BeanManager beanManager, String dataSourceName) {
        ContextService contextService = ModuleJndi.lookup("java:comp/DefaultContextService", ContextService.class);
        InModule direct = Callable::call;
        return new CdiModuleHost(module, consumedTopics, contextService.createContextualProxy(direct, InModule.class),
                beanManager, dataSourceName);
    }

    @Override
    public String module() {
        return module;
    }

    @Override
    public Map<String, Class<?>> consumedTopics() {
        return consumedTopics;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T inTransaction(TransactionalWork<T> work) throws Exception {
        return (T) inModule.call(() -> {
            UserTransaction transaction = ModuleJndi.lookup("java:comp/UserTransaction", UserTransaction.class);
            DataSource dataSource = ModuleJndi.lookup(dataSourceName, DataSource.class);
            transaction.begin();
            try {
                T result;
                try (Connection connection = dataSource.getConnection()) {
                    result = work.run(connection, event -> beanManager.getEvent().select(Incoming.Literal.INSTANCE).fire(event));
                }
                if (transaction.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                    throw new IllegalStateException("an observer of " + module + " marked the transaction for rollback");
                }
                transaction.commit();
                return result;
            } catch (Exception e) {
                int status = transaction.getStatus();
                if (status != Status.STATUS_NO_TRANSACTION && status != Status.STATUS_COMMITTED) {
                    transaction.rollback();
                }
                throw e;
            }
        });
    }
}
