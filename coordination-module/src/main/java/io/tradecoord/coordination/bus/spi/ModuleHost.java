package io.tradecoord.coordination.bus.spi;

import java.sql.Connection;
import java.util.Map;

/**
 * How the bus reaches into one module: its database, its transactions, its observers. In an application
 * server this is the module WAR's own context (its JNDI, its JTA transactions, its CDI observers), entered from
 * library threads through a contextual proxy the module made at start-up; in the conformance tests it is a
 * plain JDBC connection. The bus never calls a module any other way.
 */
public interface ModuleHost {

    /** The module's name, e.g. {@code order-module}. */
    String module();

    /** Topic → the module's own event type for it, for every {@code @Observes @Incoming} observer it has. */
    Map<String, Class<?>> consumedTopics();

    /**
     * Runs {@code work} in one transaction of the module: the connection it gets is enlisted in that
     * transaction, and so is everything {@link Dispatcher#fire} makes the observers do. Commits when
     * {@code work} returns, rolls back when it throws.
     */
    <T> T inTransaction(TransactionalWork<T> work) throws Exception;

    /** Work inside a module transaction. */
    @FunctionalInterface
    interface TransactionalWork<T> {
        T run(Connection connection, Dispatcher dispatcher) throws Exception;
    }

    /** Delivers an incoming event to the module's {@code @Observes @Incoming} observers, in the current transaction. */
    @FunctionalInterface
    interface Dispatcher {
        void fire(Object event) throws Exception;
    }
}
