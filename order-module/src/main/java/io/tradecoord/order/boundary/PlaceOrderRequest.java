package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.order.control.NewOrder;
import jakarta.json.Json;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /orders}. */
@Schema(description = "An order to place: a member and 1 to 50 lines, each SKU at most once")
public record PlaceOrderRequest(
        @Schema(required = true, maxLength = 64, example = "m-42")
        @NotBlank @Size(max = MAX_MEMBER_ID) String memberId,
        @Schema(required = true, minItems = 1, maxItems = MAX_LINES)
        @NotNull @Size(min = 1, max = MAX_LINES, message = "must hold 1 to " + MAX_LINES + " lines")
        List<@NotNull @Valid Line> lines) {

    // An explicit canonical constructor: without it, Java copies the constraint annotations onto the constructor's
    // parameters too, and Payara's OpenAPI generator (6.2025.10) fails on constraints on a parameter that is not a
    // @PathParam / @QueryParam / @HeaderParam. Validation reads the fields.
    public PlaceOrderRequest(String memberId, List<Line> lines) {
        this.memberId = memberId;
        this.lines = lines;
    }

    public static final int MAX_MEMBER_ID = 64;
    public static final int MAX_LINES = 50;
    public static final int MAX_QUANTITY = 10_000;
    public static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    @Schema(description = "A SKU and how many units of it")
    public record Line(
            @Schema(required = true, pattern = SKU_PATTERN, example = "SKU-1")
            @NotNull @Pattern(regexp = SKU_PATTERN, message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
            String sku,
            @Schema(required = true, minimum = "1", maximum = "10000", example = "2")
            @NotNull @Min(1) @Max(MAX_QUANTITY) Integer quantity) {

        public Line(String sku, Integer quantity) { // explicit for the same reason as PlaceOrderRequest's
            this.sku = sku;
            this.quantity = quantity;
        }
    }

    /** The validated request as the control layer takes it; a SKU twice is refused (say it once with the sum). */
    NewOrder toNewOrder() {
        Set<String> seen = new HashSet<>();
        for (Line line : lines) {
            if (!seen.add(line.sku())) {
                String message = "SKU " + line.sku() + " appears more than once; order it once with the total quantity";
                throw ProblemException.badRequest("Invalid request", "lines " + message).with("violations",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("field", "lines").add("message", message)).build());
            }
        }
        return new NewOrder(memberId, lines.stream().map(l -> new NewOrder.Line(l.sku(), l.quantity())).toList());
    }
}
