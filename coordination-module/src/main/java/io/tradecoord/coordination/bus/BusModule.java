package io.tradecoord.coordination.bus;

import io.tradecoord.coordination.bus.core.ModuleMembership;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import org.eclipse.microprofile.config.Config;

/**
 * Joins a module WAR to the event bus. Every module that fires or observes integration events has exactly one
 * subclass of it, with nothing in it:
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class InventoryBus extends BusModule {
 * }
 * }</pre>
 * When the module starts, the bus creates its tables in the module's database (if missing), starts its outbox
 * relay and subscribes it to every topic it observes with {@code @Observes @Incoming}; when it stops, those stop.
 * It lives in the module (not in the library) because only code of the module runs in the module's context,
 * whatever the server's CDI policy for EARs.
 */
public abstract class BusModule {

    @Inject
    BeanManager beanManager;

    @Inject
    Config config;

    /** Where the server's metric registry and OpenTelemetry are looked up (through an injection point: Payara's producers need one). */
    @Inject
    Instance<Object> beans;

    private ModuleMembership membership;

    void join(@Observes @Initialized(ApplicationScoped.class) Object started) throws Exception {
        // a server that shares CDI across the EAR also tells this bean when the OTHER modules start
        if (membership != null || !isThisModule(started)) {
            return;
        }
        String contextPath = started instanceof ServletContext context ? context.getContextPath() : null;
        membership = ModuleMembership.join(getClass(), contextPath, beanManager, beans, config);
    }

    void leave(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        if (membership != null && isThisModule(stopping)) {
            membership.leave();
            membership = null;
        }
    }

    private boolean isThisModule(Object lifecycleEvent) {
        return !(lifecycleEvent instanceof ServletContext context) || context.getClassLoader() == getClass().getClassLoader();
    }
}
