package io.tradecoord.coordination.health;

import io.tradecoord.coordination.lock.core.HeldLock;
import java.time.Instant;
import java.util.List;

/**
 * The coordination runtime of one server as an operator sees it now: its backends, the locks it holds, and each
 * module on its bus with its outbox and dead letters. What the readiness check and the operations page report.
 *
 * @param node    the server ({@code jboss.node.name}, else {@code pid@host})
 * @param runtime the id of the coordination runtime (as in {@code /api/about})
 * @param at      when it was taken
 */
public record CoordinationStatus(String node, String runtime, Instant at, Backend locks, Backend bus, List<HeldLock> heldLocks,
        List<ModuleStatus> modules) {

    /** Whether everything is fine: backends and modules UP. */
    public boolean up() {
        return locks.up() && bus.up() && modules.stream().allMatch(ModuleStatus::up);
    }

    /**
     * @param backend the configured backend, e.g. {@code redis}
     * @param up      it answers now
     * @param detail  why not, or null
     */
    public record Backend(String backend, boolean up, String detail) {
    }

    /**
     * @param module                 the module's name on the bus, e.g. {@code order-module}
     * @param up                     its database answers and its outbox is within the readiness limits
     * @param detail                 why not, or null
     * @param contextPath            its web context path (its dead letters are at {@code <contextPath>/api/dead-letters}), or null
     * @param unsent                 events in its outbox not sent yet
     * @param oldestUnsentSeconds    age of the oldest of them (0 if none)
     * @param pendingDeadLetters     its dead letters not replayed
     */
    public record ModuleStatus(String module, boolean up, String detail, String contextPath, long unsent, long oldestUnsentSeconds,
            long pendingDeadLetters) {
    }
}
