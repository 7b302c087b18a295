package io.tradecoord.coordination.telemetry;

/**
 * What the library measures, in its own words; {@link Telemetry} hands it to the server's metrics API (OpenTelemetry
 * meters where MicroProfile Telemetry exports them, MicroProfile Metrics where the server serves {@code /metrics}).
 * Durations are in nanoseconds. Lock keys are never recorded (one series per key would not end); topics and module
 * names are few and fixed by the deployment. Implementations never throw.
 */
public interface CoordinationMetrics {

    /** Records nothing: the library on a server without a metrics API, and in unit tests and benchmarks. */
    CoordinationMetrics NONE = new CoordinationMetrics() {
    };

    /** An acquisition ended after waiting {@code waitNanos}: granted, or the wait ran out. */
    default void lockWaited(String backend, long waitNanos, boolean granted) {
    }

    /** A lock was given back after being held {@code heldNanos} (from its grant). */
    default void lockHeld(String backend, long heldNanos) {
    }

    /** A holder lost its lock ({@code reason}: the {@link io.tradecoord.coordination.lock.LockLostException.Reason}). */
    default void lockLost(String backend, String reason) {
    }

    /** The broker confirmed an event of {@code module} {@code latencyNanos} after it was fired. */
    default void published(String module, String topic, long latencyNanos) {
    }

    /** {@code module} applied an event {@code lagNanos} after it was fired. */
    default void consumed(String module, String topic, long lagNanos) {
    }

    /** An event was dead-lettered at {@code stage} ({@code publish} or {@code delivery}). */
    default void deadLettered(String module, String topic, String stage) {
    }

    /** A module joined the bus: its outbox backlog and pending dead letters are observed from now on. */
    default void observeOutbox(String module) {
    }
}
