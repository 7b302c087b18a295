package io.tradecoord.coordination.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The backends this deployment is configured with, read through MicroProfile Config (so operators set them
 * with asadmin, jboss-cli, system properties or environment variables). Values are checked when the bean is
 * created; a wrong one fails with a message naming the key.
 */
@ApplicationScoped
public class CoordinationSettings {

    private final LockBackend lockBackend;
    private final BusBackend busBackend;

    @Inject
    public CoordinationSettings(
            @ConfigProperty(name = LockBackend.CONFIG_KEY, defaultValue = "local") String lockBackend,
            @ConfigProperty(name = BusBackend.CONFIG_KEY, defaultValue = "local") String busBackend) {
        this.lockBackend = LockBackend.fromConfig(lockBackend);
        this.busBackend = BusBackend.fromConfig(busBackend);
    }

    /** For CDI's client proxy only. */
    protected CoordinationSettings() {
        this.lockBackend = null;
        this.busBackend = null;
    }

    public LockBackend lockBackend() {
        return lockBackend;
    }

    public BusBackend busBackend() {
        return busBackend;
    }
}
