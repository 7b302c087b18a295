package io.tradecoord.inventory.boundary;

import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.inventory.control.InsufficientStockException;
import io.tradecoord.inventory.control.SkuExistsException;
import io.tradecoord.inventory.control.UnknownSkuException;
import jakarta.json.Json;
import java.util.function.Supplier;

/** The inventory module's refusals as problems: what the client did wrong, in words, plus machine-readable members. */
final class InventoryProblems {

    private InventoryProblems() {
    }

    /** Runs a call into the control layer, turning its refusals into problems. */
    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnknownSkuException e) {
            throw unknownSku(e.code());
        } catch (SkuExistsException e) {
            throw ProblemException.conflict("SKU exists", e.getMessage()).with("sku", e.code());
        } catch (InsufficientStockException e) {
            throw new ProblemException(new Problem(409, "Insufficient stock", e.getMessage())
                    .with("sku", Json.createValue(e.code()))
                    .with("onHand", Json.createValue(e.onHand()))
                    .with("reserved", Json.createValue(e.reserved()))
                    .with("available", Json.createValue(e.available())));
        }
    }

    static ProblemException unknownSku(String code) {
        return ProblemException.notFound("Unknown SKU", "there is no SKU " + code).with("sku", code == null ? "" : code);
    }
}
