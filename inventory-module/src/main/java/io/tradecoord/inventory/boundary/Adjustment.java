package io.tradecoord.inventory.boundary;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /skus/{sku}/adjustments}: an admin's restock (delta &gt; 0) or correction (delta &lt; 0). */
@Schema(description = "A restock or correction of the units on hand")
public record Adjustment(
        @Schema(description = "units to add (positive) or remove (negative), never 0", example = "25")
        @NotNull @NonZero @Min(-1_000_000) @Max(1_000_000)
        Integer delta,

        @Schema(description = "why, for the ledger", example = "delivery 2026-11-30", maxLength = 200)
        @NotBlank @Size(max = 200)
        String reason) {

    /** Written out so the constraints stay on the fields (see {@link NewSku#NewSku}). */
    public Adjustment(Integer delta, String reason) {
        this.delta = delta;
        this.reason = reason;
    }
}
