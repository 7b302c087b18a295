package io.tradecoord.order.boundary;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /orders/{id}/payment}: the amount paid, which must be the order's total. */
@Schema(description = "A payment of the order's total")
public record PaymentRequest(
        @Schema(required = true, example = "25.50")
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 17, fraction = 2) BigDecimal amount) {

    // An explicit canonical constructor: without it, Java copies the constraint annotations onto the constructor's
    // parameters too, and Payara's OpenAPI generator (6.2025.10) fails on constraints on a parameter that is not a
    // @PathParam / @QueryParam / @HeaderParam. Validation reads the fields.
    public PaymentRequest(BigDecimal amount) {
        this.amount = amount;
    }
}
