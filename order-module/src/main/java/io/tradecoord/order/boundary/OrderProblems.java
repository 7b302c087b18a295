package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.order.control.OrderNotFoundException;
import io.tradecoord.order.control.PaymentMismatchException;
import io.tradecoord.order.control.PlacementBacklogFullException;
import io.tradecoord.order.entity.IllegalTransitionException;
import io.tradecoord.order.entity.OrderStatus;
import jakarta.json.Json;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The order module's refusals as problems: what the client did wrong, in words, plus machine-readable members. */
public final class OrderProblems {

    /** The ids this module hands out (random UUIDs); anything else cannot be an order or batch. */
    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private OrderProblems() {
    }

    /** Runs a call into the control layer, turning its refusals into problems. */
    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (OrderNotFoundException e) {
            throw ProblemException.notFound("Order not found", e.getMessage());
        } catch (IllegalTransitionException e) {
            throw illegalTransition(e.getMessage(), e.current());
        } catch (PaymentMismatchException e) {
            throw ProblemException.unprocessable("Payment does not match the total", e.getMessage())
                    .with("total", Json.createValue(e.total()));
        } catch (PlacementBacklogFullException e) {
            throw backlogFull(e);
        }
    }

    /** 503: the edge adds {@code Retry-After} to every 503 ({@code ProblemMapping}); nothing was stored. */
    public static ProblemException backlogFull(PlacementBacklogFullException e) {
        return new ProblemException(new Problem(503, "Too many orders waiting", e.getMessage()))
                .with("pending", Json.createValue(e.pending())).with("maxPending", Json.createValue(e.max()));
    }

    static ProblemException illegalTransition(String detail, OrderStatus current) {
        return new ProblemException(new Problem(409, "Illegal transition", detail)).with("currentStatus", current.name());
    }

    public static boolean isUuid(String id) {
        return id != null && ORDER_ID.matcher(id).matches();
    }

    /** @throws ProblemException 404 if {@code orderId} cannot name an order */
    static String requireOrderId(String orderId) {
        if (!isUuid(orderId)) {
            throw ProblemException.notFound("Order not found", "there is no order " + clip(orderId) + " (order ids are UUIDs)");
        }
        return orderId;
    }

    public static String clip(String text) {
        return text == null ? "(none)" : text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }
}
