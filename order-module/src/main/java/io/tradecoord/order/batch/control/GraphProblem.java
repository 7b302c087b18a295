package io.tradecoord.order.batch.control;

import java.util.List;
import java.util.Objects;

/**
 * One reason a list of dependent nodes is not a valid graph.
 *
 * @param kind       what is wrong
 * @param references the references involved, in a kind-specific order (see {@link Kind})
 * @param message    a sentence naming the problem, fit to be shown to the client that sent the list
 */
public record GraphProblem(Kind kind, List<String> references, String message) {

    public enum Kind {
        /** More nodes than allowed; {@code references} is empty. */
        TOO_MANY_NODES,
        /** A node without a reference, or a null/blank entry in a {@code dependsOn}; {@code references}: the node's reference, if any. */
        MISSING_REFERENCE,
        /** The same reference on two nodes; {@code references}: that reference. */
        DUPLICATE_REFERENCE,
        /** A {@code dependsOn} naming no node; {@code references}: the unknown reference, then the node naming it. */
        UNKNOWN_REFERENCE,
        /** A node depending on itself; {@code references}: {@code [a, a]}. */
        SELF_DEPENDENCY,
        /** A cycle; {@code references}: {@code [a, b, c, a]} where a depends on b, b on c, c on a. */
        CYCLE
    }

    public GraphProblem {
        Objects.requireNonNull(kind, "kind");
        references = List.copyOf(references);
        Objects.requireNonNull(message, "message");
    }
}
