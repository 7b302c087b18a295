package io.tradecoord.coordination.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import jakarta.enterprise.inject.Instance;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The runtime's metrics and message tracing, bound to the server's APIs when the first module joins (through that
 * module's CDI container, where the server's OpenTelemetry and metric registry are beans):
 * <ul>
 *   <li>metrics: MicroProfile Metrics if the server has it (Payara: {@code /metrics}), else OpenTelemetry meters if it
 *       has MicroProfile Telemetry (WildFly: exported as OpenTelemetry is configured), else none;</li>
 *   <li>tracing: OpenTelemetry if the server has MicroProfile Telemetry, else the carried traceparent alone.</li>
 * </ul>
 * The API classes are looked for first, so on a server without one nothing that names it is loaded. Until a module
 * binds (and in unit tests and benchmarks) both record nothing.
 */
public final class Telemetry {

    private static final System.Logger LOG = System.getLogger(Telemetry.class.getName());

    private volatile CoordinationMetrics metrics = CoordinationMetrics.NONE;
    private volatile MessageTracing tracing = MessageTracing.NONE;
    private boolean bound;

    public CoordinationMetrics metrics() {
        return metrics;
    }

    public MessageTracing tracing() {
        return tracing;
    }

    /** Binds to the APIs of the container whose {@code beans} these are; only the first call binds. */
    public synchronized void bind(Instance<Object> beans) {
        if (bound) {
            return;
        }
        bound = true;
        boolean openTelemetry = present("io.opentelemetry.api.OpenTelemetry");
        try {
            if (present("org.eclipse.microprofile.metrics.MetricRegistry")) {
                metrics = MicroProfileBinding.metrics(beans);
            } else if (openTelemetry) {
                metrics = OpenTelemetryBinding.metrics(beans);
            }
        } catch (RuntimeException | LinkageError e) { // measuring must not keep the application from starting
            LOG.log(Level.WARNING, "coordination metrics not bound, the library records none: " + e);
        }
        try {
            if (openTelemetry) {
                tracing = OpenTelemetryBinding.tracing(beans);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "coordination tracing not bound, events carry their traceparent without spans: " + e);
        }
        LOG.log(Level.INFO, "coordination telemetry: metrics " + describe(metrics) + ", tracing " + describe(tracing));
    }

    /** Back to recording nothing: the last module left (the server's APIs of its deployment are gone). */
    public synchronized void unbind() {
        bound = false;
        metrics = CoordinationMetrics.NONE;
        tracing = MessageTracing.NONE;
    }

    private static String describe(Object binding) {
        if (binding == CoordinationMetrics.NONE || binding == MessageTracing.NONE) {
            return "none";
        }
        return binding instanceof MicroProfileMetrics ? "MicroProfile Metrics" : "OpenTelemetry";
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Telemetry.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Names the OpenTelemetry API: loaded only once it is known to be there. */
    private static final class OpenTelemetryBinding {

        static CoordinationMetrics metrics(Instance<Object> beans) {
            OpenTelemetry openTelemetry = lookup(beans);
            return openTelemetry == null ? CoordinationMetrics.NONE : new OpenTelemetryMetrics(openTelemetry);
        }

        static MessageTracing tracing(Instance<Object> beans) {
            OpenTelemetry openTelemetry = lookup(beans);
            return openTelemetry == null ? MessageTracing.NONE : new OpenTelemetryTracing(openTelemetry);
        }

        private static OpenTelemetry lookup(Instance<Object> beans) {
            Instance<OpenTelemetry> instance = beans.select(OpenTelemetry.class);
            return instance.isResolvable() ? instance.get() : null;
        }
    }

    /** Names the MicroProfile Metrics API: loaded only once it is known to be there. */
    private static final class MicroProfileBinding {

        static CoordinationMetrics metrics(Instance<Object> beans) {
            Instance<MetricRegistry> instance = beans.select(MetricRegistry.class);
            return instance.isResolvable() ? new MicroProfileMetrics(instance.get()) : CoordinationMetrics.NONE;
        }
    }
}
