package io.tradecoord.order.batch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.order.batch.control.DependencyGraph.Node;
import io.tradecoord.order.batch.control.GraphProblem.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static final int BIG = 10_000;

    /** The limit the product passes: the most orders in one batch. */
    private static final int LIMIT = OrderBatches.MAX_ORDERS;

    private static Node node(String reference, String... dependsOn) {
        return new Node(reference, Arrays.asList(dependsOn)); // Arrays.asList: a null entry must reach validation
    }

    private static DependencyGraph graph(Node... nodes) {
        return graph(List.of(nodes));
    }

    private static DependencyGraph graph(List<Node> nodes) {
        return DependencyGraph.of(nodes, LIMIT);
    }

    /**
     * What an executor starts together when every node succeeds, wave after wave: a node is in the wave after the
     * latest of its prerequisites (its depth).
     */
    private static List<List<String>> waves(DependencyGraph graph) {
        List<List<String>> waves = new ArrayList<>();
        Set<String> completed = new HashSet<>();
        for (List<String> ready = graph.readyGiven(completed); !ready.isEmpty(); ready = graph.readyGiven(completed)) {
            waves.add(ready);
            completed.addAll(ready);
        }
        assertEquals(graph.references().size(), completed.size(), "every node becomes ready");
        return waves;
    }

    private static InvalidDependencyGraphException invalid(Node... nodes) {
        return assertThrows(InvalidDependencyGraphException.class, () -> graph(nodes));
    }

    // --- valid graphs ---

    @Test
    void emptyListIsAnEmptyGraph() {
        DependencyGraph graph = graph();
        assertEquals(List.of(), graph.topologicalOrder());
        assertEquals(List.of(), graph.references());
        assertEquals(List.of(), graph.readyGiven(Set.of()));
    }

    @Test
    void independentNodesKeepTheirInputOrder() {
        assertEquals(List.of("c", "a", "b"), graph(node("c"), node("a"), node("b")).topologicalOrder());
    }

    @Test
    void aNodeComesAfterItsPrerequisitesAndTiesGoToTheEarliestInInput() {
        // x is first in input but waits for z; y and z are ready at once, y was given first
        DependencyGraph graph = graph(node("x", "z"), node("y"), node("z"));
        assertEquals(List.of("y", "z", "x"), graph.topologicalOrder());
    }

    @Test
    void theOrderIsStableAcrossRuns() {
        List<Node> nodes = List.of(node("e", "b", "c"), node("d", "a"), node("c", "a"), node("b"), node("a"));
        List<String> first = graph(nodes).topologicalOrder();
        assertEquals(List.of("b", "a", "d", "c", "e"), first);
        for (int run = 0; run < 20; run++) {
            assertEquals(first, graph(new ArrayList<>(nodes)).topologicalOrder());
        }
    }

    @Test
    void diamond() {
        // d needs b and c, both need a; given upside down
        DependencyGraph graph = graph(node("d", "b", "c"), node("c", "a"), node("b", "a"), node("a"));

        // a first; c and b (independent) next, c given first; d last
        assertEquals(List.of("a", "c", "b", "d"), graph.topologicalOrder());
        assertEquals(List.of(List.of("a"), List.of("c", "b"), List.of("d")), waves(graph));
        // d waits for both of its prerequisites
        assertEquals(List.of("c"), graph.readyGiven(Set.of("a", "b")));
        assertEquals(List.of("b"), graph.readyGiven(Set.of("a", "c")));
        assertEquals(List.of("c", "b", "d"), graph.transitiveDependentsOf("a"));
        assertEquals(List.of("d"), graph.transitiveDependentsOf("b"));
        assertEquals(List.of("d"), graph.transitiveDependentsOf("c"));
        assertEquals(List.of(), graph.transitiveDependentsOf("d"));
    }

    @Test
    void disconnectedPartsInterleaveByInputOrder() {
        DependencyGraph graph = graph(node("a2", "a1"), node("b2", "b1"), node("b1"), node("a1"), node("lonely"));

        // b1 is the earliest ready node; once it is placed, b2 (index 1) is the earliest ready one
        assertEquals(List.of("b1", "b2", "a1", "a2", "lonely"), graph.topologicalOrder());
        // the waves follow the topological order, not the input order: b2 before a2
        assertEquals(List.of(List.of("b1", "a1", "lonely"), List.of("b2", "a2")), waves(graph));
        assertEquals(List.of("a2"), graph.transitiveDependentsOf("a1"));
        assertEquals(List.of(), graph.transitiveDependentsOf("lonely"));
    }

    @Test
    void transitiveDependentsFollowEveryPathOnceInTopologicalOrder() {
        //   root ← m1 ← leaf1
        //   root ← m2 ← leaf1, leaf2 ;  other ← leaf2
        DependencyGraph graph = graph(node("leaf2", "m2", "other"), node("leaf1", "m1", "m2"), node("m2", "root"),
                node("m1", "root"), node("root"), node("other"));

        assertEquals(List.of("root", "m2", "m1", "leaf1", "other", "leaf2"), graph.topologicalOrder());
        assertEquals(List.of("m2", "m1", "leaf1", "leaf2"), graph.transitiveDependentsOf("root"));
        assertEquals(List.of("leaf2"), graph.transitiveDependentsOf("other"));
        assertEquals(List.of("leaf1", "leaf2"), graph.transitiveDependentsOf("m2"));
    }

    @Test
    void readyNodesAreThoseWhosePrerequisitesAreAllCompleted() {
        DependencyGraph graph = graph(node("d", "b", "c"), node("c", "a"), node("b", "a"), node("a"));

        assertEquals(List.of("a"), graph.readyGiven(Set.of()));
        assertEquals(List.of("c", "b"), graph.readyGiven(Set.of("a")));
        assertEquals(List.of("c"), graph.readyGiven(Set.of("a", "b")));
        assertEquals(List.of("d"), graph.readyGiven(Set.of("a", "b", "c")));
        assertEquals(List.of(), graph.readyGiven(Set.of("a", "b", "c", "d")));
        assertThrows(IllegalArgumentException.class, () -> graph.readyGiven(Set.of("zzz")));
    }

    @Test
    void aDependencyListedTwiceIsOneEdgeAndNullDependsOnIsNone() {
        // behaves as one edge: b once everywhere, ready as soon as a is done
        DependencyGraph graph = graph(node("b", "a", "a"), new Node("a", null));
        assertEquals(List.of("a", "b"), graph.topologicalOrder());
        assertEquals(List.of("a"), graph.readyGiven(Set.of()));
        assertEquals(List.of("b"), graph.readyGiven(Set.of("a")));
        assertEquals(List.of("b"), graph.transitiveDependentsOf("a"));
    }

    @Test
    void lookupsOfAnUnknownReferenceNameIt() {
        DependencyGraph graph = graph(node("a"));
        var failure = assertThrows(IllegalArgumentException.class, () -> graph.transitiveDependentsOf("nope"));
        assertTrue(failure.getMessage().contains("\"nope\""), failure.getMessage());
        failure = assertThrows(IllegalArgumentException.class, () -> graph.readyGiven(Set.of("a", "nope")));
        assertTrue(failure.getMessage().contains("\"nope\""), failure.getMessage());
    }

    // --- invalid graphs ---

    @Test
    void aCycleIsNamedInOrderFromItsEarliestNode() {
        var failure = invalid(node("a", "b"), node("b", "c"), node("c", "a"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.CYCLE, problem.kind());
        assertEquals(List.of("a", "b", "c", "a"), problem.references());
        assertEquals("dependency cycle: a → b → c → a", problem.message());
        assertEquals("dependency cycle: a → b → c → a", failure.getMessage());
    }

    @Test
    void theCycleStartsAtTheFirstNodeOnACycleNotAtANodeMerelyBehindOne() {
        // x depends on the cycle but is not on it; the cycle's earliest node is b
        var failure = invalid(node("x", "c"), node("free"), node("c", "b"), node("b", "d"), node("d", "c"));
        assertEquals(List.of("c", "b", "d", "c"), single(failure).references());
    }

    @Test
    void ofTwoCyclesTheOneThroughTheEarliestNodeIsReported() {
        var failure = invalid(node("p", "q"), node("a", "b"), node("b", "a"), node("q", "p"));
        assertEquals("dependency cycle: p → q → p", failure.getMessage());
    }

    @Test
    void theShortestCycleThroughTheStartIsNamed() {
        // a → b → c → a and a → c → a: the second is shorter
        var failure = invalid(node("a", "b", "c"), node("b", "c"), node("c", "a"));
        assertEquals(List.of("a", "c", "a"), single(failure).references());
    }

    @Test
    void selfDependencyIsACycleOfOne() {
        var failure = invalid(node("a"), node("b", "a", "b"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.SELF_DEPENDENCY, problem.kind());
        assertEquals(List.of("b", "b"), problem.references());
        assertTrue(failure.getMessage().contains("b → b"), failure.getMessage());
    }

    @Test
    void duplicateReferencesAreNamed() {
        var failure = invalid(node("a"), node("b"), node("a"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.DUPLICATE_REFERENCE, problem.kind());
        assertEquals(List.of("a"), problem.references());
        assertEquals("duplicate reference \"a\" at index 2 (first at index 0)", problem.message());
    }

    @Test
    void unknownReferencesNameTheReferenceAndWhoRefersToIt() {
        var failure = invalid(node("a", "ghost"), node("b", "a"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.UNKNOWN_REFERENCE, problem.kind());
        assertEquals(List.of("ghost", "a"), problem.references());
        assertEquals("\"a\" depends on unknown reference \"ghost\"", problem.message());
    }

    @Test
    void missingReferencesAreNamedByPosition() {
        var failure = invalid(node("a"), node(" "), node("b", (String) null));
        assertEquals(List.of("the node at index 1 has no reference", "\"b\" has an empty reference in dependsOn"),
                failure.problems().stream().map(GraphProblem::message).toList());
        assertTrue(failure.problems().stream().allMatch(p -> p.kind() == Kind.MISSING_REFERENCE));
    }

    @Test
    void everyStructuralProblemIsReportedTogetherAndCyclesWaitForThem() {
        var failure = invalid(node("a", "b"), node("b", "a"), node("a"), node("c", "nope"), node("d", "d"));
        assertEquals(List.of(Kind.DUPLICATE_REFERENCE, Kind.UNKNOWN_REFERENCE, Kind.SELF_DEPENDENCY),
                failure.problems().stream().map(GraphProblem::kind).toList());
        assertFalse(failure.getMessage().contains("cycle"), failure.getMessage());
    }

    @Test
    void tooManyNodesAreRefusedBeforeAnythingElse() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i <= LIMIT; i++) {
            nodes.add(node("n" + i, "n" + i)); // also self-dependent: the size is what gets reported
        }
        var failure = assertThrows(InvalidDependencyGraphException.class, () -> graph(nodes));
        GraphProblem problem = single(failure);
        assertEquals(Kind.TOO_MANY_NODES, problem.kind());
        assertEquals("at most " + LIMIT + " nodes are allowed, " + (LIMIT + 1) + " were given", problem.message());

        assertEquals(LIMIT, graph(nodes.subList(1, nodes.size()).stream()
                .map(n -> node(n.reference())).toList()).topologicalOrder().size());
        assertThrows(InvalidDependencyGraphException.class, () -> DependencyGraph.of(List.of(node("a"), node("b")), 1));
    }

    // --- size: nothing recursive ---

    @Test
    void aTenThousandNodeChainGivenInOrder() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            nodes.add(i == 0 ? node("n0") : node("n" + i, "n" + (i - 1)));
        }
        DependencyGraph graph = DependencyGraph.of(nodes, BIG);

        List<String> order = nodes.stream().map(Node::reference).toList();
        assertEquals(order, graph.topologicalOrder());
        // one node at a time: only n0 is ready at first, only the next link once the first half is done
        assertEquals(List.of("n0"), graph.readyGiven(Set.of()));
        assertEquals(List.of("n" + BIG / 2), graph.readyGiven(new HashSet<>(order.subList(0, BIG / 2))));
        assertEquals(List.of("n" + (BIG - 1)), graph.readyGiven(new HashSet<>(order.subList(0, BIG - 1))));
        List<String> skipped = graph.transitiveDependentsOf("n0");
        assertEquals(BIG - 1, skipped.size());
        assertEquals("n1", skipped.get(0));
        assertEquals("n" + (BIG - 1), skipped.get(BIG - 2));
    }

    @Test
    void aTenThousandNodeChainGivenBackwards() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            nodes.add(i == BIG - 1 ? node("n" + i) : node("n" + i, "n" + (i + 1)));
        }
        DependencyGraph graph = DependencyGraph.of(nodes, BIG);

        List<String> order = graph.topologicalOrder();
        assertEquals(BIG, order.size());
        assertEquals("n" + (BIG - 1), order.get(0));
        assertEquals("n0", order.get(BIG - 1));
        assertEquals(order.subList(1, BIG), graph.transitiveDependentsOf("n" + (BIG - 1)));
        assertEquals(List.of("n" + (BIG - 1)), graph.readyGiven(Set.of()));
        assertEquals(List.of("n0"), graph.readyGiven(new HashSet<>(order.subList(0, BIG - 1))));
    }

    @Test
    void aTenThousandNodeCycleIsNamedWhole() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            nodes.add(node("n" + i, "n" + ((i + 1) % BIG)));
        }
        var failure = assertThrows(InvalidDependencyGraphException.class, () -> DependencyGraph.of(nodes, BIG));

        GraphProblem problem = single(failure);
        assertEquals(Kind.CYCLE, problem.kind());
        assertEquals(BIG + 1, problem.references().size());
        assertEquals("n0", problem.references().get(0));
        assertEquals("n1", problem.references().get(1));
        assertEquals("n" + (BIG - 1), problem.references().get(BIG - 1));
        assertEquals("n0", problem.references().get(BIG));
    }

    @Test
    void aTenThousandNodeChainBehindACycleStillFindsTheCycle() {
        // a long tail leading into a small cycle at the very end of the input
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG - 2; i++) {
            nodes.add(node("t" + i, i == BIG - 3 ? "x" : "t" + (i + 1)));
        }
        nodes.add(node("x", "y"));
        nodes.add(node("y", "x"));
        var failure = assertThrows(InvalidDependencyGraphException.class, () -> DependencyGraph.of(nodes, BIG));
        assertEquals("dependency cycle: x → y → x", failure.getMessage());
    }

    private static GraphProblem single(InvalidDependencyGraphException failure) {
        assertEquals(1, failure.problems().size(), failure.getMessage());
        return failure.problems().get(0);
    }
}
