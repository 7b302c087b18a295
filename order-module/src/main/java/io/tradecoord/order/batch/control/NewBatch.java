package io.tradecoord.order.batch.control;

import io.tradecoord.order.control.NewOrder;
import java.util.List;

/** A batch of dependent orders as a client asks for it, already validated field by field at the boundary. */
public record NewBatch(String memberId, List<Order> orders) {

    /** One order of the batch: the client's reference, its lines, and the references it depends on. */
    public record Order(String reference, List<NewOrder.Line> lines, List<String> dependsOn) {
    }

    public NewBatch {
        orders = List.copyOf(orders);
    }
}
