package io.tradecoord.inventory.boundary;

import io.tradecoord.inventory.entity.Sku;
import jakarta.json.bind.annotation.JsonbNillable;
import java.math.BigDecimal;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A SKU and its stock, as the API shows it. */
@JsonbNillable
@Schema(description = "A SKU and its stock; available = onHand - reserved")
public record SkuView(String sku, String name, BigDecimal unitPrice, long onHand, long reserved, long available, Instant updatedAt) {

    public static SkuView of(Sku sku) {
        return new SkuView(sku.getCode(), sku.getName(), sku.getUnitPrice(), sku.getOnHand(), sku.getReserved(),
                sku.available(), sku.getUpdatedAt());
    }
}
