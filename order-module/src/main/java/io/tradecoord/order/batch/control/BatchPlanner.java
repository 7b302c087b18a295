package io.tradecoord.order.batch.control;

import io.tradecoord.order.batch.entity.BatchItemStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of a batch's execution, without persistence: given the graph and where each order stands, what to do
 * next. An order is placed once every order it depends on is CONFIRMED (or later); an order still waiting whose
 * prerequisite (directly or through others) was rejected, cancelled or skipped is skipped, with that reason.
 */
final class BatchPlanner {

    private BatchPlanner() {
    }

    /** Where one order of the batch stands; {@code orderId} null until placed. */
    record State(BatchItemStatus status, String orderId, String reason) {
    }

    /** What to do now: place these (topological order), skip these (reference → why). */
    record Next(List<String> toPlace, Map<String, String> toSkip) {

        boolean isEmpty() {
            return toPlace.isEmpty() && toSkip.isEmpty();
        }
    }

    static Next next(DependencyGraph graph, Map<String, State> states) {
        Map<String, String> toSkip = new LinkedHashMap<>();
        for (String reference : graph.topologicalOrder()) {
            State state = states.get(reference);
            if (!state.status().failsDependents() || toSkip.containsKey(reference)) {
                continue; // a node skipped in this round reports its own cause below
            }
            for (String dependent : graph.transitiveDependentsOf(reference)) {
                if (states.get(dependent).status() == BatchItemStatus.WAITING) {
                    toSkip.putIfAbsent(dependent, because(reference, state));
                }
            }
        }
        List<String> satisfied = graph.references().stream().filter(r -> states.get(r).status().satisfiesDependents()).toList();
        List<String> toPlace = graph.readyGiven(satisfied).stream()
                .filter(r -> states.get(r).status() == BatchItemStatus.WAITING && !toSkip.containsKey(r))
                .toList();
        return new Next(toPlace, toSkip);
    }

    private static String because(String reference, State failed) {
        String what = failed.orderId() == null ? "\"" + reference + "\"" : "\"" + reference + "\" (order " + failed.orderId() + ")";
        return "skipped: prerequisite " + what + " was " + failed.status() + (failed.reason() == null ? "" : ": " + failed.reason());
    }

    /** The batch as a whole: RUNNING while an order waits or is pending; then COMPLETED if all went through, else FAILED. */
    static String overall(Iterable<BatchItemStatus> statuses) {
        boolean allThrough = true;
        for (BatchItemStatus status : statuses) {
            if (status == BatchItemStatus.WAITING || status == BatchItemStatus.PENDING) {
                return "RUNNING";
            }
            allThrough &= status.satisfiesDependents();
        }
        return allThrough ? "COMPLETED" : "FAILED";
    }
}
