package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.DeadLetter;
import io.tradecoord.coordination.bus.DeadLetters;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

/** {@code @Inject DeadLetters}: the dead letters of the module the caller runs in. */
@ApplicationScoped
public class InjectableDeadLetters implements DeadLetters {

    @Override
    public List<DeadLetter> list(int offset, int limit, boolean pendingOnly) {
        if (limit < 1 || limit > 1_000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000, was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, was " + offset);
        }
        return call("listing dead letters", bus -> bus.deadLetters(ModuleJndi.moduleName(), offset, limit, pendingOnly));
    }

    @Override
    public long count(boolean pendingOnly) {
        return call("counting dead letters", bus -> bus.deadLetterCount(ModuleJndi.moduleName(), pendingOnly));
    }

    @Override
    public Optional<DeadLetter> find(long deadLetterId) {
        return call("reading dead letter " + deadLetterId, bus -> bus.deadLetter(ModuleJndi.moduleName(), deadLetterId));
    }

    @Override
    public boolean replay(long deadLetterId, boolean evenIfStale) {
        return call("replaying dead letter " + deadLetterId, bus -> bus.replay(ModuleJndi.moduleName(), deadLetterId, evenIfStale));
    }

    @Override
    public boolean discard(long deadLetterId) {
        return call("discarding dead letter " + deadLetterId, bus -> bus.discard(ModuleJndi.moduleName(), deadLetterId));
    }

    @FunctionalInterface
    private interface BusCall<T> {
        T on(EventBus bus) throws Exception;
    }

    /** Runs {@code call} on the runtime's bus; unchecked failures pass, checked ones are wrapped naming {@code what}. */
    private static <T> T call(String what, BusCall<T> call) {
        try {
            return call.on(bus());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(what + " failed: " + e.getMessage(), e);
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
