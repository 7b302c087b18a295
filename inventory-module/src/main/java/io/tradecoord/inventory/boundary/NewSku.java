package io.tradecoord.inventory.boundary;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** {@code POST /skus}: a new SKU. */
@Schema(description = "A new SKU")
public record NewSku(
        @Schema(description = "the SKU code", example = "TSHIRT-M-BLUE", pattern = SKU_PATTERN)
        @NotNull @Pattern(regexp = SKU_PATTERN, message = "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit")
        String sku,

        @Schema(description = "what it is", example = "T-shirt, blue, M", maxLength = 200)
        @NotBlank @Size(max = 200)
        String name,

        @Schema(description = "price of one unit, at most 2 fraction digits", example = "19.90")
        @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2)
        BigDecimal unitPrice,

        @Schema(description = "units on hand to start with", example = "100", minimum = "0", maximum = "1000000")
        @NotNull @Min(0) @Max(1_000_000)
        Integer initialStock) {

    /**
     * Written out so the constraints stay on the fields: the implicit constructor would repeat them on its
     * parameters, where Payara's OpenAPI takes every constrained parameter for a {@code @PathParam} and fails.
     */
    public NewSku(String sku, String name, BigDecimal unitPrice, Integer initialStock) {
        this.sku = sku;
        this.name = name;
        this.unitPrice = unitPrice;
        this.initialStock = initialStock;
    }

    public static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
}
