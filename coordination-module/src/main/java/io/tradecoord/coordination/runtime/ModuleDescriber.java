package io.tradecoord.coordination.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Builds a module's self-description from the configured settings and the shared runtime. */
@ApplicationScoped
public class ModuleDescriber {

    @Inject
    CoordinationSettings settings;

    public ModuleDescription describe(String module) {
        CoordinationRuntime runtime = CoordinationRuntime.current();
        return new ModuleDescription(module, runtime.applicationVersion(), settings.lockBackend().configValue(),
                settings.busBackend().configValue(), runtime.id());
    }
}
