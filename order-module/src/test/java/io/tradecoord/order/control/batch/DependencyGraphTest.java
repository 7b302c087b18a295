package io.tradecoord.order.control.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.order.control.batch.DependencyGraph.Node;
import io.tradecoord.order.control.batch.GraphProblem.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static final int BIG = 10_000;

    private static DependencyGraph graph(Node... nodes) {
        return DependencyGraph.of(List.of(nodes));
    }

    private static InvalidDependencyGraphException invalid(Node... nodes) {
        return assertThrows(InvalidDependencyGraphException.class, () -> graph(nodes));
    }

    // --- valid graphs ---

    @Test
    void emptyListIsAnEmptyGraph() {
        DependencyGraph graph = graph();
        assertEquals(List.of(), graph.topologicalOrder());
        assertEquals(List.of(), graph.levels());
    }

    @Test
    void independentNodesKeepTheirInputOrder() {
        assertEquals(List.of("c", "a", "b"), graph(Node.of("c"), Node.of("a"), Node.of("b")).topologicalOrder());
    }

    @Test
    void aNodeComesAfterItsPrerequisitesAndTiesGoToTheEarliestInInput() {
        // x is first in input but waits for z; y and z are ready at once, y was given first
        DependencyGraph graph = graph(Node.of("x", "z"), Node.of("y"), Node.of("z"));
        assertEquals(List.of("y", "z", "x"), graph.topologicalOrder());
    }

    @Test
    void theOrderIsStableAcrossRuns() {
        List<Node> nodes = List.of(Node.of("e", "b", "c"), Node.of("d", "a"), Node.of("c", "a"), Node.of("b"), Node.of("a"));
        List<String> first = DependencyGraph.of(nodes).topologicalOrder();
        assertEquals(List.of("b", "a", "d", "c", "e"), first);
        for (int run = 0; run < 20; run++) {
            assertEquals(first, DependencyGraph.of(new ArrayList<>(nodes)).topologicalOrder());
        }
    }

    @Test
    void diamond() {
        // d needs b and c, both need a; given upside down
        DependencyGraph graph = graph(Node.of("d", "b", "c"), Node.of("c", "a"), Node.of("b", "a"), Node.of("a"));

        assertEquals(List.of("a", "c", "b", "d"), graph.topologicalOrder());
        assertEquals(List.of(List.of("a"), List.of("c", "b"), List.of("d")), graph.levels());
        assertEquals(List.of("b", "c"), graph.prerequisitesOf("d"));
        assertEquals(List.of("c", "b"), graph.dependentsOf("a"));
        assertEquals(List.of(), graph.dependentsOf("d"));
        assertEquals(List.of("c", "b", "d"), graph.transitiveDependentsOf("a"));
        assertEquals(List.of("d"), graph.transitiveDependentsOf("b"));
        assertEquals(2, graph.levelOf("d"));
    }

    @Test
    void disconnectedPartsInterleaveByInputOrder() {
        DependencyGraph graph = graph(Node.of("a2", "a1"), Node.of("b2", "b1"), Node.of("b1"), Node.of("a1"), Node.of("lonely"));

        // b1 is the earliest ready node; once it is placed, b2 (index 1) is the earliest ready one
        assertEquals(List.of("b1", "b2", "a1", "a2", "lonely"), graph.topologicalOrder());
        assertEquals(List.of(List.of("b1", "a1", "lonely"), List.of("a2", "b2")), graph.levels());
        assertEquals(List.of("a2"), graph.transitiveDependentsOf("a1"));
        assertEquals(List.of(), graph.transitiveDependentsOf("lonely"));
    }

    @Test
    void transitiveDependentsFollowEveryPathOnceInTopologicalOrder() {
        //   root ← m1 ← leaf1
        //   root ← m2 ← leaf1, leaf2 ;  other ← leaf2
        DependencyGraph graph = graph(Node.of("leaf2", "m2", "other"), Node.of("leaf1", "m1", "m2"), Node.of("m2", "root"),
                Node.of("m1", "root"), Node.of("root"), Node.of("other"));

        assertEquals(List.of("root", "m2", "m1", "leaf1", "other", "leaf2"), graph.topologicalOrder());
        assertEquals(List.of("m2", "m1", "leaf1", "leaf2"), graph.transitiveDependentsOf("root"));
        assertEquals(List.of("leaf2"), graph.transitiveDependentsOf("other"));
        assertEquals(List.of("leaf1", "leaf2"), graph.transitiveDependentsOf("m2"));
    }

    @Test
    void readyNodesAreThoseWhosePrerequisitesAreAllCompleted() {
        DependencyGraph graph = graph(Node.of("d", "b", "c"), Node.of("c", "a"), Node.of("b", "a"), Node.of("a"));

        assertEquals(List.of("a"), graph.readyGiven(Set.of()));
        assertEquals(List.of("c", "b"), graph.readyGiven(Set.of("a")));
        assertEquals(List.of("c"), graph.readyGiven(Set.of("a", "b")));
        assertEquals(List.of("d"), graph.readyGiven(Set.of("a", "b", "c")));
        assertEquals(List.of(), graph.readyGiven(Set.of("a", "b", "c", "d")));
        assertThrows(IllegalArgumentException.class, () -> graph.readyGiven(Set.of("zzz")));
    }

    @Test
    void aDependencyListedTwiceIsOneEdgeAndNullDependsOnIsNone() {
        DependencyGraph graph = DependencyGraph.of(List.of(Node.of("b", "a", "a"), new Node("a", null)));
        assertEquals(List.of("a", "b"), graph.topologicalOrder());
        assertEquals(List.of("a"), graph.prerequisitesOf("b"));
        assertEquals(List.of("b"), graph.dependentsOf("a"));
    }

    @Test
    void lookupsOfAnUnknownReferenceNameIt() {
        DependencyGraph graph = graph(Node.of("a"));
        var failure = assertThrows(IllegalArgumentException.class, () -> graph.dependentsOf("nope"));
        assertTrue(failure.getMessage().contains("\"nope\""), failure.getMessage());
        assertThrows(IllegalArgumentException.class, () -> graph.prerequisitesOf("nope"));
        assertThrows(IllegalArgumentException.class, () -> graph.transitiveDependentsOf("nope"));
    }

    // --- invalid graphs ---

    @Test
    void aCycleIsNamedInOrderFromItsEarliestNode() {
        var failure = invalid(Node.of("a", "b"), Node.of("b", "c"), Node.of("c", "a"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.CYCLE, problem.kind());
        assertEquals(List.of("a", "b", "c", "a"), problem.references());
        assertEquals("dependency cycle: a → b → c → a", problem.message());
        assertEquals("dependency cycle: a → b → c → a", failure.getMessage());
    }

    @Test
    void theCycleStartsAtTheFirstNodeOnACycleNotAtANodeMerelyBehindOne() {
        // x depends on the cycle but is not on it; the cycle's earliest node is b
        var failure = invalid(Node.of("x", "c"), Node.of("free"), Node.of("c", "b"), Node.of("b", "d"), Node.of("d", "c"));
        assertEquals(List.of("c", "b", "d", "c"), single(failure).references());
    }

    @Test
    void ofTwoCyclesTheOneThroughTheEarliestNodeIsReported() {
        var failure = invalid(Node.of("p", "q"), Node.of("a", "b"), Node.of("b", "a"), Node.of("q", "p"));
        assertEquals("dependency cycle: p → q → p", failure.getMessage());
    }

    @Test
    void theShortestCycleThroughTheStartIsNamed() {
        // a → b → c → a and a → c → a: the second is shorter
        var failure = invalid(Node.of("a", "b", "c"), Node.of("b", "c"), Node.of("c", "a"));
        assertEquals(List.of("a", "c", "a"), single(failure).references());
    }

    @Test
    void selfDependencyIsACycleOfOne() {
        var failure = invalid(Node.of("a"), Node.of("b", "a", "b"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.SELF_DEPENDENCY, problem.kind());
        assertEquals(List.of("b", "b"), problem.references());
        assertTrue(failure.getMessage().contains("b → b"), failure.getMessage());
    }

    @Test
    void duplicateReferencesAreNamed() {
        var failure = invalid(Node.of("a"), Node.of("b"), Node.of("a"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.DUPLICATE_REFERENCE, problem.kind());
        assertEquals(List.of("a"), problem.references());
        assertEquals("duplicate reference \"a\" at index 2 (first at index 0)", problem.message());
    }

    @Test
    void unknownReferencesNameTheReferenceAndWhoRefersToIt() {
        var failure = invalid(Node.of("a", "ghost"), Node.of("b", "a"));

        GraphProblem problem = single(failure);
        assertEquals(Kind.UNKNOWN_REFERENCE, problem.kind());
        assertEquals(List.of("ghost", "a"), problem.references());
        assertEquals("\"a\" depends on unknown reference \"ghost\"", problem.message());
    }

    @Test
    void missingReferencesAreNamedByPosition() {
        var failure = invalid(Node.of("a"), Node.of(" "), Node.of("b", (String) null));
        assertEquals(List.of("the node at index 1 has no reference", "\"b\" has an empty reference in dependsOn"),
                failure.problems().stream().map(GraphProblem::message).toList());
        assertTrue(failure.problems().stream().allMatch(p -> p.kind() == Kind.MISSING_REFERENCE));
    }

    @Test
    void everyStructuralProblemIsReportedTogetherAndCyclesWaitForThem() {
        var failure = invalid(Node.of("a", "b"), Node.of("b", "a"), Node.of("a"), Node.of("c", "nope"), Node.of("d", "d"));
        assertEquals(List.of(Kind.DUPLICATE_REFERENCE, Kind.UNKNOWN_REFERENCE, Kind.SELF_DEPENDENCY),
                failure.problems().stream().map(GraphProblem::kind).toList());
        assertFalse(failure.getMessage().contains("cycle"), failure.getMessage());
    }

    @Test
    void tooManyNodesAreRefusedBeforeAnythingElse() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i <= DependencyGraph.MAX_NODES; i++) {
            nodes.add(Node.of("n" + i, "n" + i)); // also self-dependent: the size is what gets reported
        }
        var failure = assertThrows(InvalidDependencyGraphException.class, () -> DependencyGraph.of(nodes));
        GraphProblem problem = single(failure);
        assertEquals(Kind.TOO_MANY_NODES, problem.kind());
        assertEquals("at most 1000 nodes are allowed, 1001 were given", problem.message());

        assertEquals(DependencyGraph.MAX_NODES, DependencyGraph.of(nodes.subList(1, nodes.size()).stream()
                .map(n -> Node.of(n.reference())).toList()).size());
        assertThrows(InvalidDependencyGraphException.class, () -> DependencyGraph.of(List.of(Node.of("a"), Node.of("b")), 1));
    }

    // --- size: nothing recursive ---

    @Test
    void aTenThousandNodeChainGivenInOrder() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            nodes.add(i == 0 ? Node.of("n0") : Node.of("n" + i, "n" + (i - 1)));
        }
        DependencyGraph graph = DependencyGraph.of(nodes, BIG);

        assertEquals(nodes.stream().map(Node::reference).toList(), graph.topologicalOrder());
        assertEquals(BIG, graph.levels().size());
        assertEquals(BIG - 1, graph.levelOf("n" + (BIG - 1)));
        List<String> skipped = graph.transitiveDependentsOf("n0");
        assertEquals(BIG - 1, skipped.size());
        assertEquals("n1", skipped.get(0));
        assertEquals("n" + (BIG - 1), skipped.get(BIG - 2));
    }

    @Test
    void aTenThousandNodeChainGivenBackwards() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            nodes.add(i == BIG - 1 ? Node.of("n" + i) : Node.of("n" + i, "n" + (i + 1)));
        }
        DependencyGraph graph = DependencyGraph.of(nodes, BIG);

        List<String> order = graph.topologicalOrder();
        assertEquals(BIG, order.size());
        assertEquals("n" + (BIG - 1), order.get(0));
        assertEquals("n0", order.get(BIG - 1));
        assertEquals(BIG - 1, graph.transitiveDependentsOf("n" + (BIG - 1)).size());
        assertEquals("n0", graph.levels().get(BIG - 1).get(0));
    }

    @Test
    void aTenThousandNodeCycleIsNamedWhole() {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < BIG; i++) {
            nodes.add(Node.of("n" + i, "n" + ((i + 1) % BIG)));
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
            nodes.add(Node.of("t" + i, i == BIG - 3 ? "x" : "t" + (i + 1)));
        }
        nodes.add(Node.of("x", "y"));
        nodes.add(Node.of("y", "x"));
        var failure = assertThrows(InvalidDependencyGraphException.class, () -> DependencyGraph.of(nodes, BIG));
        assertEquals("dependency cycle: x → y → x", failure.getMessage());
    }

    private static GraphProblem single(InvalidDependencyGraphException failure) {
        assertEquals(1, failure.problems().size(), failure.getMessage());
        return failure.problems().get(0);
    }
}
