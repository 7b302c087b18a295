package io.tradecoord.order.boundary;

import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The optional body of {@code POST /orders/{id}/cancellation}. */
@Schema(description = "Why the order is cancelled (optional)")
public record CancellationRequest(@Schema(maxLength = 500) @Size(max = 500) String reason) {

    // An explicit canonical constructor: without it, Java copies the constraint annotations onto the constructor's
    // parameters too, and Payara's OpenAPI generator (6.2025.10) fails on constraints on a parameter that is not a
    // @PathParam / @QueryParam / @HeaderParam. Validation reads the fields.
    public CancellationRequest(String reason) {
        this.reason = reason;
    }
}
