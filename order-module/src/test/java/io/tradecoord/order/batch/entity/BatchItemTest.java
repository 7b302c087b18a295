package io.tradecoord.order.batch.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tradecoord.order.entity.OrderStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchItemTest {

    @Test
    void keepsReferencesAndLinesAsGiven() {
        BatchItem item = new BatchItem("b-1", "frame.2", 3, List.of("a", "b_c"), List.of(new BatchItem.Line("SKU-1", 2), new BatchItem.Line("x.y_z-9", 10_000)));
        assertEquals(List.of("a", "b_c"), item.getDependsOn());
        assertEquals(List.of(new BatchItem.Line("SKU-1", 2), new BatchItem.Line("x.y_z-9", 10_000)), item.getLines());
        assertEquals(BatchItemStatus.WAITING, item.getStatus());
        assertNull(item.getOrderId());
        assertEquals(3, item.getPosition());
    }

    @Test
    void noDependenciesIsAnEmptyList() {
        assertEquals(List.of(), new BatchItem("b-1", "root", 0, List.of(), List.of(new BatchItem.Line("A", 1))).getDependsOn());
    }

    @Test
    void followsItsOrder() {
        BatchItem item = new BatchItem("b-1", "root", 0, List.of(), List.of(new BatchItem.Line("A", 1)));
        item.placed("o-1", OrderStatus.PENDING, null);
        item.follow(OrderStatus.REJECTED, "short");
        assertEquals("o-1", item.getOrderId());
        assertEquals(BatchItemStatus.REJECTED, item.getStatus());
        assertEquals("short", item.getReason());
    }
}
