package io.tradecoord.coordination.http;

import jakarta.json.JsonValue;

/**
 * Thrown by a boundary or control class to answer with a specific problem; {@link ProblemMapping} renders it.
 * The factories name the statuses the modules use.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** This problem with one more extension member. */
    public ProblemException with(String name, JsonValue value) {
        return new ProblemException(problem.with(name, value));
    }

    public ProblemException with(String name, String value) {
        return new ProblemException(problem.with(name, value));
    }

    public static ProblemException badRequest(String title, String detail) {
        return new ProblemException(new Problem(400, title, detail));
    }

    public static ProblemException notFound(String title, String detail) {
        return new ProblemException(new Problem(404, title, detail));
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(new Problem(409, title, detail));
    }

    public static ProblemException unprocessable(String title, String detail) {
        return new ProblemException(new Problem(422, title, detail));
    }
}
