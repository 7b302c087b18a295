package io.tradecoord.order.batch.control;

import static io.tradecoord.order.batch.entity.BatchItemStatus.CANCELLED;
import static io.tradecoord.order.batch.entity.BatchItemStatus.CONFIRMED;
import static io.tradecoord.order.batch.entity.BatchItemStatus.PAID;
import static io.tradecoord.order.batch.entity.BatchItemStatus.PENDING;
import static io.tradecoord.order.batch.entity.BatchItemStatus.REJECTED;
import static io.tradecoord.order.batch.entity.BatchItemStatus.SHIPPED;
import static io.tradecoord.order.batch.entity.BatchItemStatus.SKIPPED;
import static io.tradecoord.order.batch.entity.BatchItemStatus.WAITING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.order.batch.entity.BatchItemStatus;
import io.tradecoord.order.batch.control.DependencyGraph.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    /** a ← b, a ← c, {b, c} ← d: the diamond. */
    private static final DependencyGraph DIAMOND = graph(node("a"), node("b", "a"), node("c", "a"), node("d", "b", "c"));

    private static Map<String, BatchPlanner.State> states(Object... referenceThenStatus) {
        Map<String, BatchPlanner.State> states = new LinkedHashMap<>();
        for (int i = 0; i < referenceThenStatus.length; i += 2) {
            BatchItemStatus status = (BatchItemStatus) referenceThenStatus[i + 1];
            String orderId = status == WAITING || status == SKIPPED ? null : "order-" + referenceThenStatus[i];
            states.put((String) referenceThenStatus[i], new BatchPlanner.State(status, orderId, status == REJECTED ? "short" : null));
        }
        return states;
    }

    @Test
    void atTheStartOnlyTheRootsArePlaced() {
        BatchPlanner.Next next = BatchPlanner.next(DIAMOND, states("a", WAITING, "b", WAITING, "c", WAITING, "d", WAITING));
        assertEquals(List.of("a"), next.toPlace());
        assertTrue(next.toSkip().isEmpty());
    }

    @Test
    void aPendingPrerequisiteHoldsItsDependentsBack() {
        assertTrue(BatchPlanner.next(DIAMOND, states("a", PENDING, "b", WAITING, "c", WAITING, "d", WAITING)).isEmpty());
    }

    @Test
    void independentOrdersGoTogetherOnceTheirPrerequisiteIsConfirmed() {
        assertEquals(List.of("b", "c"), BatchPlanner.next(DIAMOND, states("a", CONFIRMED, "b", WAITING, "c", WAITING, "d", WAITING)).toPlace());
    }

    @Test
    void anOrderWaitsForAllItsPrerequisitesConfirmedOrLater() {
        assertTrue(BatchPlanner.next(DIAMOND, states("a", PAID, "b", CONFIRMED, "c", PENDING, "d", WAITING)).isEmpty());
        assertEquals(List.of("d"), BatchPlanner.next(DIAMOND, states("a", SHIPPED, "b", PAID, "c", CONFIRMED, "d", WAITING)).toPlace());
    }

    @Test
    void aRejectedRootSkipsEveryDependentWithTheReason() {
        BatchPlanner.Next next = BatchPlanner.next(DIAMOND, states("a", REJECTED, "b", WAITING, "c", WAITING, "d", WAITING));
        assertTrue(next.toPlace().isEmpty());
        assertEquals(List.of("b", "c", "d"), List.copyOf(next.toSkip().keySet()));
        assertEquals("skipped: prerequisite \"a\" (order order-a) was REJECTED: short", next.toSkip().get("d"));
    }

    @Test
    void aCancelledPrerequisiteSkipsOnlyWhatStillWaits() {
        BatchPlanner.Next next = BatchPlanner.next(DIAMOND, states("a", CONFIRMED, "b", CANCELLED, "c", PENDING, "d", WAITING));
        assertEquals(Map.of("d", "skipped: prerequisite \"b\" (order order-b) was CANCELLED"), next.toSkip());
        assertTrue(next.toPlace().isEmpty(), "d is skipped, not placed, whatever c does");
    }

    @Test
    void disconnectedPartsProceedIndependently() {
        DependencyGraph graph = graph(node("x"), node("y", "x"), node("p"), node("q", "p"));
        BatchPlanner.Next next = BatchPlanner.next(graph, states("x", REJECTED, "y", WAITING, "p", CONFIRMED, "q", WAITING));
        assertEquals(List.of("q"), next.toPlace());
        assertEquals(List.of("y"), List.copyOf(next.toSkip().keySet()));
    }

    @Test
    void theBatchRunsUntilNothingWaitsOrIsPending() {
        assertEquals("RUNNING", BatchPlanner.overall(List.of(CONFIRMED, WAITING)));
        assertEquals("RUNNING", BatchPlanner.overall(List.of(REJECTED, PENDING)));
        assertEquals("COMPLETED", BatchPlanner.overall(List.of(CONFIRMED, PAID, SHIPPED)));
        assertEquals("FAILED", BatchPlanner.overall(List.of(CONFIRMED, REJECTED, SKIPPED)));
    }

    private static Node node(String reference, String... dependsOn) {
        return new Node(reference, List.of(dependsOn));
    }

    private static DependencyGraph graph(Node... nodes) {
        return DependencyGraph.of(List.of(nodes), OrderBatches.MAX_ORDERS);
    }
}
