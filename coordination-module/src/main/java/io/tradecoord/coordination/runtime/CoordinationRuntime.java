package io.tradecoord.coordination.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import io.tradecoord.coordination.bus.core.EventBus;
import io.tradecoord.coordination.lock.core.LockManager;
import io.tradecoord.coordination.telemetry.Telemetry;

/**
 * The one JVM-wide home of the coordination infrastructure: the in-JVM lock registry, the in-JVM bus, the
 * client pools and relay threads live here, not in CDI beans.
 *
 * <p>Why a static holder and not an {@code @ApplicationScoped} bean: in an EAR this class sits in {@code lib/}
 * and is loaded once by the EAR's library class loader, which every module WAR delegates to. Its static state
 * is therefore shared by all WARs on every server, whereas CDI bean sharing across WARs depends on the
 * server's policy (Payara Server 6.2025.2+ gives each WAR its own beans, WildFly shares them). CDI beans of
 * this library are thin per-WAR views onto this object. A module WAR running alone on Payara Micro carries
 * its own copy of the library and so gets its own runtime, which is what a separate service should have.
 */
public final class CoordinationRuntime {

    private static final class Holder {
        static final CoordinationRuntime INSTANCE = new CoordinationRuntime();
    }

    private final String id = UUID.randomUUID().toString();
    private final Instant startedAt = Instant.now();
    private final String applicationVersion = readApplicationVersion();

    private final Telemetry telemetry = new Telemetry();
    private LockManager locks;
    private int lockUsers;
    private EventBus bus;
    private int busUsers;

    private CoordinationRuntime() {
    }

    /** The runtime of this JVM (of this EAR, precisely: of this library class loader), created on first use. */
    public static CoordinationRuntime current() {
        return Holder.INSTANCE;
    }

    /** Metrics and message tracing, bound to the server's APIs when the first module joins. */
    public Telemetry telemetry() {
        return telemetry;
    }

    /** A random id, new for every JVM and every (re)deployment; two modules reporting the same id share one runtime. */
    public String id() {
        return id;
    }

    /** This server's name for operators: WildFly's {@code jboss.node.name}, else {@code pid@host}. */
    public String node() {
        return System.getProperty("jboss.node.name", java.lang.management.ManagementFactory.getRuntimeMXBean().getName());
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The version of the application this library was built with (the Maven reactor version). */
    public String applicationVersion() {
        return applicationVersion;
    }

    /**
     * The lock manager of this runtime, created by {@code factory} for its first user. Every module's view
     * attaches once and detaches when its application scope ends; the last one out closes the manager (its
     * connections and threads), so an undeploy leaves nothing running.
     */
    public synchronized LockManager attachLocks(Supplier<LockManager> factory) {
        if (locks == null) {
            locks = factory.get();
        }
        lockUsers++;
        return locks;
    }

    public synchronized void detachLocks() {
        if (lockUsers > 0 && --lockUsers == 0 && locks != null) {
            locks.close();
            locks = null;
        }
    }

    /** The event bus of this runtime, created for the first module that joins; closed when the last one left. */
    public synchronized EventBus attachBus(Supplier<EventBus> factory) {
        if (bus == null) {
            bus = factory.get();
        }
        busUsers++;
        return bus;
    }

    public synchronized void detachBus() {
        if (busUsers > 0 && --busUsers == 0 && bus != null) {
            bus.close();
            bus = null;
            telemetry.unbind();
        }
    }

    /** The lock manager if some module uses locks, else null. */
    public synchronized LockManager locks() {
        return locks;
    }

    /** The bus if some module has joined it, else null. */
    public synchronized EventBus bus() {
        return bus;
    }

    private static String readApplicationVersion() {
        var properties = new Properties();
        try (InputStream in = CoordinationRuntime.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                throw new IllegalStateException("build.properties is missing next to " + CoordinationRuntime.class.getName()
                        + ": the coordination jar was not built by Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties of the coordination jar", e);
        }
        return properties.getProperty("application.version");
    }
}
