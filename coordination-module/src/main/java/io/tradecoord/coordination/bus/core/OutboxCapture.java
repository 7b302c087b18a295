package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Envelope;
import io.tradecoord.coordination.bus.Incoming;
import java.lang.System.Logger.Level;
import java.lang.annotation.Annotation;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Catches every integration event a module fires and writes it to that module's outbox, in the firing
 * transaction and on the module's datasource, so the event exists if and only if the business change commits.
 * Runs on the firing thread ({@code IN_PROGRESS}), hence in the firing module's context. After that
 * transaction committed, the module's relay is woken to publish at once.
 * <p>An integration event fired outside a transaction, or by a module that has not joined the bus, is refused
 * with an exception: it would otherwise be lost without a trace. So is one fired with {@code fireAsync} (no
 * transaction of the firing module is left to write it in): the returned stage fails and the refusal is logged.
 * Qualifiers do not matter: an event fired with any qualifier is captured, except {@code @Incoming} ones, which the
 * bus itself delivers to observers.
 */
@ApplicationScoped
public class OutboxCapture {

    private static final System.Logger LOG = System.getLogger(OutboxCapture.class.getName());
    private static final String WOKEN = OutboxCapture.class.getName() + ".relayWoken";

    @Inject
    Config config;

    void refuseAsynchronous(@ObservesAsync @Any Object event, EventMetadata metadata) {
        if (EventTypes.describe(event.getClass()).isEmpty() || deliveredByTheBus(metadata)) {
            return;
        }
        IllegalStateException refusal = new IllegalStateException("integration event " + event.getClass().getName()
                + " was fired with fireAsync, which runs outside the firing transaction: it is NOT sent. Fire it with"
                + " fire() inside the @Transactional business method");
        LOG.log(Level.ERROR, refusal.getMessage());
        throw refusal;
    }

    private static boolean deliveredByTheBus(EventMetadata metadata) {
        for (Annotation qualifier : metadata.getQualifiers()) {
            if (qualifier.annotationType() == Incoming.class) {
                return true;
            }
        }
        return false;
    }

    void capture(@Observes(during = TransactionPhase.IN_PROGRESS) @Any Object event, EventMetadata metadata) throws Exception {
        if (EventTypes.describe(event.getClass()).isEmpty() || deliveredByTheBus(metadata)) {
            return;
        }
        String module = ModuleJndi.moduleName();
        TransactionSynchronizationRegistry transaction = ModuleJndi.lookup("java:comp/TransactionSynchronizationRegistry",
                TransactionSynchronizationRegistry.class);
        if (transaction.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException(module + " fired integration event " + event.getClass().getSimpleName()
                    + " outside an active transaction: fire it inside the @Transactional business method");
        }
        if (!ModuleMembership.hasJoined(module)) {
            throw new IllegalStateException(module + " fired integration event " + event.getClass().getSimpleName()
                    + " but has not joined the bus: add an @ApplicationScoped class extending BusModule to the module");
        }
        Envelope envelope = Envelopes.of(event, module);
        EventBus bus = CoordinationRuntime.current().bus();
        Envelopes.requireWithin(envelope, (bus == null ? BusSettings.defaults() : bus.settings()).maxEventBytes());
        DataSource dataSource = ModuleJndi.lookup(BusFactory.dataSourceFor(config, module), DataSource.class);
        try (Connection connection = dataSource.getConnection()) { // enlisted in the business transaction
            BusTables.appendToOutbox(connection, envelope);
        }
        if (transaction.getResource(WOKEN) == null) {
            transaction.putResource(WOKEN, Boolean.TRUE);
            transaction.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    EventBus bus = CoordinationRuntime.current().bus();
                    if (status == Status.STATUS_COMMITTED && bus != null) {
                        bus.committed(module);
                    }
                }
            });
        }
    }
}
