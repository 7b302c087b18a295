package io.tradecoord.order.batch.control;

import io.tradecoord.order.batch.control.GraphProblem.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A validated, acyclic dependency graph of nodes given in a list (e.g. the orders of a batch), and the lookups an
 * executor needs: a deterministic topological order, the nodes ready once others are done, and the transitive
 * dependents to skip when a node fails.
 * <p>
 * Determinism: whenever several nodes could come next, the one given earliest in the input wins, so the same input
 * always yields the same order. An edge "a depends on b" is written {@code a → b}, as cycles are reported.
 * <p>
 * Everything is iterative (Kahn's algorithm for the order, an iterative Tarjan search for cycles): a chain of tens of
 * thousands of nodes does not grow the call stack. Cost: O((n + e) log n).
 */
public final class DependencyGraph {

    /** One node as given: its reference and the references of the nodes it depends on (null: none). */
    public record Node(String reference, List<String> dependsOn) {
        public Node {
            // nulls inside are kept so that validation can name them instead of failing here
            dependsOn = dependsOn == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(dependsOn));
        }
    }

    private final List<String> references;
    private final Map<String, Integer> indexOf;
    private final int[][] prerequisites;
    private final int[][] dependents;
    private final List<String> topologicalOrder;
    private final int[] positionInOrder;

    private DependencyGraph(List<String> references, Map<String, Integer> indexOf, int[][] prerequisites, int[][] dependents, int[] order) {
        this.references = references;
        this.indexOf = indexOf;
        this.prerequisites = prerequisites;
        this.dependents = dependents;
        int n = references.size();
        this.positionInOrder = new int[n];
        String[] ordered = new String[n];
        for (int position = 0; position < n; position++) {
            int node = order[position];
            positionInOrder[node] = position;
            ordered[position] = references.get(node);
        }
        this.topologicalOrder = List.of(ordered);
    }

    /**
     * Validates {@code nodes} and builds the graph.
     *
     * @throws InvalidDependencyGraphException naming every missing, duplicate or unknown reference and
     *                                         self-dependency; if there is none of those, the first cycle (starting
     *                                         at the earliest node in input order that lies on a cycle); or the size
     */
    public static DependencyGraph of(List<Node> nodes, int maxNodes) {
        Objects.requireNonNull(nodes, "nodes");
        if (maxNodes < 1) {
            throw new IllegalArgumentException("maxNodes must be at least 1, was " + maxNodes);
        }
        if (nodes.size() > maxNodes) {
            throw new InvalidDependencyGraphException(List.of(new GraphProblem(Kind.TOO_MANY_NODES, List.of(),
                    "at most " + maxNodes + " nodes are allowed, " + nodes.size() + " were given")));
        }
        List<GraphProblem> problems = new ArrayList<>();
        Map<String, Integer> indexOf = indexReferences(nodes, problems);
        checkDependencies(nodes, indexOf, problems);
        if (!problems.isEmpty()) {
            throw new InvalidDependencyGraphException(problems);
        }

        int n = nodes.size();
        List<String> references = nodes.stream().map(Node::reference).toList();
        int[][] prerequisites = new int[n][];
        for (int i = 0; i < n; i++) {
            // a dependency named twice is one edge
            prerequisites[i] = new LinkedHashSet<>(nodes.get(i).dependsOn()).stream().mapToInt(indexOf::get).toArray();
        }
        int[][] dependents = invert(prerequisites);
        int[] order = kahn(prerequisites, dependents);
        if (order.length < n) {
            throw new InvalidDependencyGraphException(List.of(cycle(references, prerequisites, order)));
        }
        return new DependencyGraph(references, Map.copyOf(indexOf), prerequisites, dependents, order);
    }

    private static Map<String, Integer> indexReferences(List<Node> nodes, List<GraphProblem> problems) {
        Map<String, Integer> indexOf = new HashMap<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            String reference = node == null ? null : node.reference();
            if (reference == null || reference.isBlank()) {
                problems.add(new GraphProblem(Kind.MISSING_REFERENCE, List.of(), "the node at index " + i + " has no reference"));
                continue;
            }
            Integer first = indexOf.putIfAbsent(reference, i);
            if (first != null) {
                problems.add(new GraphProblem(Kind.DUPLICATE_REFERENCE, List.of(reference),
                        "duplicate reference \"" + reference + "\" at index " + i + " (first at index " + first + ")"));
            }
        }
        return indexOf;
    }

    private static void checkDependencies(List<Node> nodes, Map<String, Integer> indexOf, List<GraphProblem> problems) {
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            if (node == null) {
                continue;
            }
            String reference = node.reference();
            boolean named = reference != null && !reference.isBlank();
            String who = named ? "\"" + reference + "\"" : "the node at index " + i;
            boolean selfReported = false;
            for (String dependency : new LinkedHashSet<>(node.dependsOn())) {
                if (dependency == null || dependency.isBlank()) {
                    problems.add(new GraphProblem(Kind.MISSING_REFERENCE, named ? List.of(reference) : List.of(),
                            who + " has an empty reference in dependsOn"));
                } else if (dependency.equals(reference)) {
                    if (!selfReported) {
                        problems.add(new GraphProblem(Kind.SELF_DEPENDENCY, List.of(reference, reference),
                                "\"" + reference + "\" depends on itself: " + reference + " → " + reference));
                        selfReported = true;
                    }
                } else if (!indexOf.containsKey(dependency)) {
                    problems.add(new GraphProblem(Kind.UNKNOWN_REFERENCE, named ? List.of(dependency, reference) : List.of(dependency),
                            who + " depends on unknown reference \"" + dependency + "\""));
                }
            }
        }
    }

    /** dependents[b] = every a with an edge a → b, in input order of a. */
    private static int[][] invert(int[][] prerequisites) {
        int n = prerequisites.length;
        int[] counts = new int[n];
        for (int[] edges : prerequisites) {
            for (int b : edges) {
                counts[b]++;
            }
        }
        int[][] dependents = new int[n][];
        for (int b = 0; b < n; b++) {
            dependents[b] = new int[counts[b]];
        }
        int[] filled = new int[n];
        for (int a = 0; a < n; a++) {
            for (int b : prerequisites[a]) {
                dependents[b][filled[b]++] = a;
            }
        }
        return dependents;
    }

    /** Kahn's algorithm; among ready nodes the earliest in input order goes first. Shorter than n: a cycle. */
    private static int[] kahn(int[][] prerequisites, int[][] dependents) {
        int n = prerequisites.length;
        int[] waitingFor = new int[n];
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            waitingFor[i] = prerequisites[i].length;
            if (waitingFor[i] == 0) {
                ready.add(i);
            }
        }
        int[] order = new int[n];
        int placed = 0;
        while (!ready.isEmpty()) {
            int node = ready.poll();
            order[placed++] = node;
            for (int dependent : dependents[node]) {
                if (--waitingFor[dependent] == 0) {
                    ready.add(dependent);
                }
            }
        }
        return Arrays.copyOf(order, placed);
    }

    /**
     * The cycle through the earliest node (input order) that lies on one, shortest among those through it, with
     * edges followed in their listed order: deterministic.
     */
    private static GraphProblem cycle(List<String> references, int[][] prerequisites, int[] placed) {
        int n = prerequisites.length;
        BitSet candidates = new BitSet(n); // nodes Kahn could not place: every cycle lies among them
        candidates.set(0, n);
        for (int node : placed) {
            candidates.clear(node);
        }
        int[] component = strongComponents(prerequisites, candidates);
        int[] componentSize = new int[n];
        for (int node = candidates.nextSetBit(0); node >= 0; node = candidates.nextSetBit(node + 1)) {
            componentSize[component[node]]++;
        }
        int start = -1;
        for (int node = candidates.nextSetBit(0); node >= 0 && start < 0; node = candidates.nextSetBit(node + 1)) {
            if (componentSize[component[node]] > 1) {
                start = node;
            }
        }
        if (start < 0) {
            throw new IllegalStateException("Kahn's algorithm stopped early but no cycle was found");
        }

        // breadth-first from start inside its component until an edge leads back to start
        int[] parent = new int[n];
        Arrays.fill(parent, -1);
        BitSet seen = new BitSet(n);
        seen.set(start);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int next : prerequisites[node]) {
                if (next == start) {
                    return cycleProblem(references, start, node, parent);
                }
                if (candidates.get(next) && component[next] == component[start] && !seen.get(next)) {
                    seen.set(next);
                    parent[next] = node;
                    queue.add(next);
                }
            }
        }
        throw new IllegalStateException("no path back to " + references.get(start) + " inside its strong component");
    }

    private static GraphProblem cycleProblem(List<String> references, int start, int last, int[] parent) {
        List<String> path = new ArrayList<>();
        for (int node = last; node != -1; node = parent[node]) {
            path.add(references.get(node));
        }
        Collections.reverse(path); // start ... last
        path.add(references.get(start));
        return new GraphProblem(Kind.CYCLE, path, "dependency cycle: " + String.join(" → ", path));
    }

    /** Tarjan's strongly connected components over the nodes in {@code within}, with an explicit stack. */
    private static int[] strongComponents(int[][] edges, BitSet within) {
        int n = edges.length;
        int[] index = new int[n];
        int[] low = new int[n];
        int[] component = new int[n];
        int[] nextEdge = new int[n];
        Arrays.fill(index, -1);
        Arrays.fill(component, -1);
        BitSet onStack = new BitSet(n);
        int[] stack = new int[n];
        int stackTop = 0;
        int[] calls = new int[n];
        int counter = 0;
        int components = 0;
        for (int root = within.nextSetBit(0); root >= 0; root = within.nextSetBit(root + 1)) {
            if (index[root] != -1) {
                continue;
            }
            int callTop = 0;
            index[root] = low[root] = counter++;
            stack[stackTop++] = root;
            onStack.set(root);
            calls[callTop++] = root;
            while (callTop > 0) {
                int v = calls[callTop - 1];
                if (nextEdge[v] < edges[v].length) {
                    int w = edges[v][nextEdge[v]++];
                    if (!within.get(w)) {
                        continue;
                    }
                    if (index[w] == -1) {
                        index[w] = low[w] = counter++;
                        stack[stackTop++] = w;
                        onStack.set(w);
                        calls[callTop++] = w;
                    } else if (onStack.get(w)) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    callTop--;
                    if (callTop > 0) {
                        int caller = calls[callTop - 1];
                        low[caller] = Math.min(low[caller], low[v]);
                    }
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--stackTop];
                            onStack.clear(w);
                            component[w] = components;
                        } while (w != v);
                        components++;
                    }
                }
            }
        }
        return component;
    }

    /** The references in input order. */
    public List<String> references() {
        return references;
    }

    /** Every node after all its prerequisites; ties go to the node given first. */
    public List<String> topologicalOrder() {
        return topologicalOrder;
    }

    /**
     * Everything that depends on {@code reference} directly or through others (not itself), in topological order:
     * what to skip when it fails.
     */
    public List<String> transitiveDependentsOf(String reference) {
        int start = index(reference);
        BitSet reached = new BitSet(references.size());
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        List<Integer> found = new ArrayList<>();
        while (!queue.isEmpty()) {
            for (int dependent : dependents[queue.poll()]) {
                if (!reached.get(dependent)) {
                    reached.set(dependent);
                    found.add(dependent);
                    queue.add(dependent);
                }
            }
        }
        found.sort(Comparator.comparingInt(node -> positionInOrder[node]));
        return found.stream().map(references::get).toList();
    }

    /**
     * The nodes an executor may start once {@code completed} are done: not completed themselves, every
     * prerequisite completed; in topological order.
     *
     * @throws IllegalArgumentException if {@code completed} names a node not in this graph
     */
    public List<String> readyGiven(Collection<String> completed) {
        BitSet done = new BitSet(references.size());
        completed.forEach(reference -> done.set(index(reference)));
        List<String> ready = new ArrayList<>();
        for (String reference : topologicalOrder) {
            int node = indexOf.get(reference);
            if (!done.get(node) && Arrays.stream(prerequisites[node]).allMatch(done::get)) {
                ready.add(reference);
            }
        }
        return ready;
    }

    private int index(String reference) {
        Integer index = indexOf.get(reference);
        if (index == null) {
            throw new IllegalArgumentException("no node \"" + reference + "\" in this graph");
        }
        return index;
    }

    @Override
    public String toString() {
        return "DependencyGraph" + topologicalOrder;
    }
}
