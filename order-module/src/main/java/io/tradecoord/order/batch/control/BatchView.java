package io.tradecoord.order.batch.control;

import io.tradecoord.order.batch.entity.BatchItemStatus;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.time.Instant;
import java.util.List;

/** A batch as clients see it: the computed topological order, and each order's reference, order id and status. */
@JsonbNillable
@JsonbPropertyOrder({"batchId", "memberId", "status", "topologicalOrder", "orders", "createdAt", "updatedAt"})
public record BatchView(String batchId, String memberId, String status, List<String> topologicalOrder, List<Item> orders,
        Instant createdAt, Instant updatedAt) {

    @JsonbNillable
    @JsonbPropertyOrder({"reference", "dependsOn", "orderId", "status", "reason"})
    public record Item(String reference, List<String> dependsOn, String orderId, BatchItemStatus status, String reason) {
    }
}
