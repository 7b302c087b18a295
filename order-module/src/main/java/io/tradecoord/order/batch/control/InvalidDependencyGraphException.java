package io.tradecoord.order.batch.control;

import java.util.List;
import java.util.stream.Collectors;

/** The nodes do not form a valid dependency graph; {@link #problems()} says why (at least one problem). */
public class InvalidDependencyGraphException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<GraphProblem> problems;

    public InvalidDependencyGraphException(List<GraphProblem> problems) {
        super(problems.stream().map(GraphProblem::message).collect(Collectors.joining("; ")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid graph has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in input order; a cycle is reported only when there is no other problem. */
    public List<GraphProblem> problems() {
        return problems;
    }
}
