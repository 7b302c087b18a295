package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.DeadLetters;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** {@code @Inject DeadLetters}: the dead letters of the module the caller runs in. */
@ApplicationScoped
public class InjectableDeadLetters implements DeadLetters {

    @Override
    public List<DeadLetter> list(int limit, boolean pendingOnly) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        try {
            return bus().deadLetters(ModuleJndi.moduleName(), limit, pendingOnly);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("listing dead letters failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean replay(long deadLetterId) {
        try {
            return bus().replay(ModuleJndi.moduleName(), deadLetterId);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("replaying dead letter " + deadLetterId + " failed: " + e.getMessage(), e);
        }
    }

    private static EventBus bus() {
        EventBus bus = CoordinationRuntime.current().bus();
        if (bus == null) {
            throw new IllegalStateException("no module has joined the bus in this application");
        }
        return bus;
    }
}
