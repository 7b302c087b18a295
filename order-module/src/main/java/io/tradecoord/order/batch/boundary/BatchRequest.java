package io.tradecoord.order.batch.boundary;

import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.order.batch.control.NewBatch;
import io.tradecoord.order.boundary.PlaceOrderRequest.Line;
import io.tradecoord.order.boundary.PlaceOrderRequest;
import io.tradecoord.order.control.NewOrder;
import jakarta.json.Json;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /order-batches}: one member's orders, each with a reference and what it depends on. */
@Schema(description = "Dependent orders of one member; an order is placed once every order it depends on is confirmed")
public record BatchRequest(
        @Schema(required = true, maxLength = 64, example = "m-42")
        @NotBlank @Size(max = PlaceOrderRequest.MAX_MEMBER_ID) String memberId,
        @Schema(required = true, minItems = 1, description = "at most 100 orders")
        @NotNull @Size(min = 1, message = "must hold at least one order") List<@NotNull @Valid Order> orders) {

    // explicit canonical constructors: see PlaceOrderRequest (Payara's OpenAPI and constraints on parameters)
    public BatchRequest(String memberId, List<Order> orders) {
        this.memberId = memberId;
        this.orders = orders;
    }

    public static final String REFERENCE_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @Schema(description = "One order of the batch")
    public record Order(
            @Schema(required = true, pattern = REFERENCE_PATTERN, example = "frame", description = "the client's name for it, unique in the batch")
            @NotNull @Pattern(regexp = REFERENCE_PATTERN, message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
            String reference,
            @Schema(required = true, minItems = 1, maxItems = PlaceOrderRequest.MAX_LINES)
            @NotNull @Size(min = 1, max = PlaceOrderRequest.MAX_LINES, message = "must hold 1 to " + PlaceOrderRequest.MAX_LINES + " lines")
            List<@NotNull @Valid Line> lines,
            @Schema(description = "references of orders of this batch that must be confirmed first; a reference named more than "
                    + "once counts (and is kept) once")
            List<@NotNull String> dependsOn) {

        public Order(String reference, List<Line> lines, List<String> dependsOn) {
            this.reference = reference;
            this.lines = lines;
            this.dependsOn = dependsOn;
        }
    }

    NewBatch toNewBatch() {
        return new NewBatch(memberId, orders.stream().map(order -> {
            Set<String> skus = new HashSet<>();
            for (Line line : order.lines()) {
                if (!skus.add(line.sku())) {
                    String message = "SKU " + line.sku() + " appears more than once in order \"" + order.reference() + "\"";
                    throw ProblemException.badRequest("Invalid request", message).with("violations",
                            Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", "orders").add("message", message)).build());
                }
            }
            return new NewBatch.Order(order.reference(),
                    order.lines().stream().map(l -> new NewOrder.Line(l.sku(), l.quantity())).toList(),
                    distinct(order.dependsOn()));
        }).toList());
    }

    /**
     * A reference named twice is one edge of the graph, so it is kept once: what is stored is what was validated. Once
     * every reference is known and distinct, the longest list (99 others of 64 characters) fits the stored column.
     */
    private static List<String> distinct(List<String> dependsOn) {
        return dependsOn == null ? List.of() : List.copyOf(new LinkedHashSet<>(dependsOn)); // nulls were refused by validation
    }
}
