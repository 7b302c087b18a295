package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.bus.spi.ModuleHost;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A module WAR as the bus reaches it from library threads: every call goes through a contextual proxy that the
 * module made of itself at start-up (Jakarta Concurrency's {@link ContextService}), so it runs with the
 * module's class loader, JNDI ({@code java:comp}) and CDI, which a library thread does not have on its own.
 * Inside, a JTA transaction of the module; the connection comes from the module's datasource and is enlisted.
 * <p>
 * One proxy is used by one thread at a time: Payara's proxy carries one saved component invocation, and two
 * threads inside it at once share its transaction bookkeeping ({@code UserTransaction.begin/commit} then fail
 * with "Operation not allowed" and leave a database transaction open). So the module makes a small pool of
 * proxies at start-up and each call borrows one; a call made inside another on the same thread (already in the
 * module's context) runs directly.
 */
final class CdiModuleHost implements ModuleHost {

    /** What the contextual proxy exposes: run something in the module's context. */
    public interface InModule {
        Object call(Callable<?> work) throws Exception;
    }

    /** proxies per module: enough for its consumer threads and relay without making them queue in normal use */
    static final int CONTEXTS = 16;

    // per module: a call into ANOTHER module from inside this one must still take that module's context
    private final ThreadLocal<Boolean> inModuleCall = new ThreadLocal<>();

    private final String module;
    private final Map<String, Class<?>> consumedTopics;
    private final BlockingQueue<InModule> contexts;
    private final BeanManager beanManager;
    private final String dataSourceName;

    private CdiModuleHost(String module, Map<String, Class<?>> consumedTopics, BlockingQueue<InModule> contexts, BeanManager beanManager,
            String dataSourceName) {
        this.module = module;
        this.consumedTopics = consumedTopics;
        this.contexts = contexts;
        this.beanManager = beanManager;
        this.dataSourceName = dataSourceName;
    }

    /** Must be called in the module's own context (its start-up observer). */
    static CdiModuleHost create(String module, Map<String, Class<?>> consumedTopics, BeanManager beanManager, String dataSourceName) {
        ContextService contextService = ModuleJndi.lookup("java:comp/DefaultContextService", ContextService.class);
        InModule direct = Callable::call;
        BlockingQueue<InModule> contexts = new ArrayBlockingQueue<>(CONTEXTS);
        for (int i = 0; i < CONTEXTS; i++) {
            contexts.add(contextService.createContextualProxy(direct, InModule.class));
        }
        return new CdiModuleHost(module, consumedTopics, contexts, beanManager, dataSourceName);
    }

    /** Runs {@code work} in the module's context, on a proxy no other thread is using. */
    private Object inModule(Callable<?> work) throws Exception {
        if (inModuleCall.get() != null) {
            return work.call();
        }
        InModule context = contexts.take();
        inModuleCall.set(Boolean.TRUE);
        try {
            return context.call(work);
        } finally {
            inModuleCall.remove();
            contexts.add(context);
        }
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
        return (T) inModule(() -> {
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
