package io.tradecoord.coordination.bus.core;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.health.ReadinessLimits;
import io.tradecoord.coordination.lock.core.LockManagerFactory;
import io.tradecoord.coordination.runtime.CoordinationRuntime;
import io.tradecoord.coordination.telemetry.Telemetry;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.Config;

/** A module's place on the bus, from its start to its stop. */
public final class ModuleMembership {

    private static final Map<String, Boolean> JOINED = new java.util.concurrent.ConcurrentHashMap<>();
    /** Module → its web context path (e.g. /order), for operators' links; absent where it is not a web module. */
    private static final Map<String, String> CONTEXT_PATHS = new java.util.concurrent.ConcurrentHashMap<>();

    private final String module;

    private ModuleMembership(String module) {
        this.module = module;
    }

    /**
     * Called in the module's context at start-up: finds the module's {@code @Observes @Incoming} observers, makes
     * the module's host and joins it to the runtime's bus.
     *
     * @param moduleClass a class of the module (its class loader tells the module's beans from others)
     * @param contextPath the module's web context path, e.g. {@code /order}; null if it has none
     */
    public static ModuleMembership join(Class<?> moduleClass, String contextPath, BeanManager beanManager, Instance<Object> beans,
            Config config) throws Exception {
        // every module joins at start-up: the place where a wrong value of any library setting stops the deployment
        LockManagerFactory.validate(config);
        ReadinessLimits.from(config);
        String module = ModuleJndi.moduleName();
        Map<String, Class<?>> consumed = consumedTopics(beanManager, moduleClass.getClassLoader(), module);
        String dataSource = BusFactory.dataSourceFor(config, module);
        CdiModuleHost host = CdiModuleHost.create(module, consumed, beanManager, dataSource);
        EventBus bus = CoordinationRuntime.current().attachBus(() -> BusFactory.create(config));
        Telemetry telemetry = CoordinationRuntime.current().telemetry();
        telemetry.bind(beans);
        try {
            bus.join(host);
        } catch (Exception e) {
            CoordinationRuntime.current().detachBus();
            throw e;
        }
        telemetry.metrics().observeOutbox(module);
        JOINED.put(module, Boolean.TRUE);
        if (contextPath != null) {
            CONTEXT_PATHS.put(module, contextPath);
        }
        return new ModuleMembership(module);
    }

    /** The web context path of a module that joined in this runtime, e.g. {@code /order}. */
    public static java.util.Optional<String> contextPath(String module) {
        return java.util.Optional.ofNullable(CONTEXT_PATHS.get(module));
    }

    /**
     * Called in the module's context when it stops: the bus lets the module's handlers in flight finish first (they
     * may fire events, which needs the module still joined), then the module is forgotten.
     */
    public void leave() {
        EventBus bus = CoordinationRuntime.current().bus();
        if (bus != null) {
            bus.leave(module);
        }
        JOINED.remove(module);
        CONTEXT_PATHS.remove(module);
        CoordinationRuntime.current().detachBus();
    }

    static boolean hasJoined(String module) {
        return JOINED.containsKey(module);
    }

    /** Topic → event type of every {@code @Observes @Incoming} parameter of the module's own beans. */
    static Map<String, Class<?>> consumedTopics(BeanManager beanManager, ClassLoader moduleLoader, String module) {
        Map<String, Class<?>> consumed = new TreeMap<>();
        for (Bean<?> bean : beanManager.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> beanClass = bean.getBeanClass();
            if (beanClass.getClassLoader() != moduleLoader) {
                continue; // a bean of the library or (on servers that share CDI across the EAR) of another module
            }
            for (Class<?> type = beanClass; type != null && type != Object.class; type = type.getSuperclass()) {
                for (Method method : type.getDeclaredMethods()) {
                    for (Parameter parameter : method.getParameters()) {
                        if (parameter.isAnnotationPresent(Observes.class) && parameter.isAnnotationPresent(Incoming.class)) {
                            Class<?> eventType = parameter.getType();
                            String topic = EventTypes.require(eventType).topic();
                            Class<?> previous = consumed.putIfAbsent(topic, eventType);
                            if (previous != null && previous != eventType) {
                                throw new IllegalStateException(module + " observes topic " + topic + " as two types, "
                                        + previous.getName() + " and " + eventType.getName() + ": use one");
                            }
                        }
                    }
                }
            }
        }
        return consumed;
    }
}
