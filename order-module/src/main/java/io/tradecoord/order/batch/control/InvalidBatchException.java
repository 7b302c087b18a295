package io.tradecoord.order.batch.control;

import java.util.List;

/** The batch's orders do not form a valid dependency graph (unknown or duplicate reference, cycle, too many). */
public class InvalidBatchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<GraphProblem> problems;

    public InvalidBatchException(String message, List<GraphProblem> problems) {
        super(message, null, false, false);
        this.problems = List.copyOf(problems);
    }

    public List<GraphProblem> problems() {
        return problems;
    }
}
