package io.tradecoord.order.batch.entity;

import io.tradecoord.order.entity.OrderStatus;
import io.tradecoord.order.entity.PurchaseOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/**
 * One order of a batch: the client's reference, what it depends on, its lines until it is placed, then its order.
 * The references and lines are kept as text (references and SKUs cannot contain spaces or '*'), which keeps the
 * mapping plain on every JPA provider.
 */
@Entity
@Table(name = "order_batch_item")
public class BatchItem {

    public static final int MAX_REASON = PurchaseOrder.MAX_REASON;

    @Id
    @Column(name = "item_id", length = 101)
    private String id;

    @Column(name = "batch_id", nullable = false, length = 36)
    private String batchId;

    @Column(name = "client_reference", nullable = false, length = 64)
    private String reference;

    /** Where the client listed it: the batch's input order, which also breaks ties in the topological order. */
    @Column(name = "list_position", nullable = false)
    private int listPosition;

    @Column(name = "depends_on", nullable = false, length = 7000)
    private String dependsOn;

    @Column(name = "order_lines", nullable = false, length = 4000)
    private String lines;

    @Column(name = "order_id", length = 36)
    private String orderId;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false, length = 16)
    private BatchItemStatus status;

    @Column(name = "reason", length = MAX_REASON)
    private String reason;

    /** A line of an order still to be placed. */
    public record Line(String sku, int quantity) {
    }

    protected BatchItem() {
    }

    public BatchItem(String batchId, String reference, int position, List<String> dependsOn, List<Line> lines) {
        this.id = batchId + "/" + reference;
        this.batchId = batchId;
        this.reference = reference;
        this.listPosition = position;
        this.dependsOn = String.join(" ", dependsOn);
        this.lines = String.join(" ", lines.stream().map(l -> l.sku() + "*" + l.quantity()).toList());
        this.status = BatchItemStatus.WAITING;
    }

    /** Its order was placed (and may have been refused at once). */
    public void placed(String placedOrderId, OrderStatus orderStatus, String why) {
        this.orderId = placedOrderId;
        follow(orderStatus, why);
    }

    /** Its order moved on. */
    public void follow(OrderStatus orderStatus, String why) {
        this.status = BatchItemStatus.of(orderStatus);
        this.reason = why;
    }

    public void skip(String why) {
        this.status = BatchItemStatus.SKIPPED;
        this.reason = why == null || why.length() <= MAX_REASON ? why : why.substring(0, MAX_REASON - 1) + "…";
    }

    public String getBatchId() {
        return batchId;
    }

    public String getReference() {
        return reference;
    }

    public int getPosition() {
        return listPosition;
    }

    public List<String> getDependsOn() {
        return dependsOn.isEmpty() ? List.of() : List.of(dependsOn.split(" "));
    }

    public List<Line> getLines() {
        return Arrays.stream(lines.split(" ")).map(text -> {
            int star = text.lastIndexOf('*');
            return new Line(text.substring(0, star), Integer.parseInt(text.substring(star + 1)));
        }).toList();
    }

    public String getOrderId() {
        return orderId;
    }

    public BatchItemStatus getStatus() {
        return status;
    }

    public String getReason() {
        return reason;
    }
}
