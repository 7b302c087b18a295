package io.tradecoord.inventory.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;

/** Reads the module's configuration when it starts, so a wrong {@code inventory.*} value fails the deployment, naming the key. */
@ApplicationScoped
public class SettingsCheck {

    @Inject
    InventorySettings settings;

    void started(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // a server that shares CDI across the EAR also reports the other modules' start
        if (event instanceof ServletContext context && context.getClassLoader() != getClass().getClassLoader()) {
            return;
        }
        settings.lockWait();
        settings.reservationCheckAfter();
    }
}
