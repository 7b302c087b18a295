package io.tradecoord.order.batch.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tradecoord.order.batch.control.NewBatch;
import io.tradecoord.order.batch.control.OrderBatches;
import io.tradecoord.order.batch.entity.BatchItem;
import io.tradecoord.order.boundary.PlaceOrderRequest.Line;
import io.tradecoord.order.boundary.PlaceOrderRequest;
import jakarta.persistence.Column;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRequestTest {

    private static final List<Line> ONE_LINE = List.of(new Line("SKU-1", 1));

    @Test
    void aDependencyNamedManyTimesIsKeptOnceInTheOrderFirstNamed() {
        List<String> dependsOn = new ArrayList<>(Collections.nCopies(3_501, "a")); // 14 KB of JSON, under the body limit
        dependsOn.addAll(List.of("c", "a", "b", "c"));
        BatchRequest request = new BatchRequest("m-1", List.of(new BatchRequest.Order("a", ONE_LINE, null),
                new BatchRequest.Order("b", ONE_LINE, List.of()), new BatchRequest.Order("c", ONE_LINE, List.of()),
                new BatchRequest.Order("x", ONE_LINE, dependsOn)));

        NewBatch batch = request.toNewBatch();

        List<String> kept = batch.orders().get(3).dependsOn();
        assertEquals(3, kept.size(), "references kept");
        assertEquals(List.of("a", "c", "b"), kept);
        assertEquals(List.of(), batch.orders().get(0).dependsOn(), "none given is none");
        assertTrue(String.join(" ", batch.orders().get(3).dependsOn()).length() <= dependsOnColumnLength());
    }

    /** The most a valid batch can name: one order depending on all the others, each reference of the longest kind. */
    @Test
    void theLargestValidDependencyListFitsTheStoredColumn() {
        List<BatchRequest.Order> orders = new ArrayList<>();
        List<String> others = new ArrayList<>();
        for (int i = 0; i < OrderBatches.MAX_ORDERS - 1; i++) {
            String reference = String.format("%064d", i);
            others.add(reference);
            orders.add(new BatchRequest.Order(reference, ONE_LINE, List.of()));
        }
        orders.add(new BatchRequest.Order("z".repeat(64), ONE_LINE, others));

        List<String> stored = new BatchRequest("m-1", orders).toNewBatch().orders().get(OrderBatches.MAX_ORDERS - 1).dependsOn();

        assertEquals(99, stored.size());
        assertEquals(stored, new BatchItem("b", "z", 0, stored, List.of(new BatchItem.Line("SKU-1", 1))).getDependsOn());
        int length = String.join(" ", stored).length(); // as BatchItem keeps them
        assertEquals(99 * 64 + 98, length);
        assertTrue(length <= dependsOnColumnLength(), length + " characters of references must fit the column");
    }

    private static int dependsOnColumnLength() {
        try {
            return BatchItem.class.getDeclaredField("dependsOn").getAnnotation(Column.class).length();
        } catch (NoSuchFieldException e) {
            throw new AssertionError(e);
        }
    }
}
