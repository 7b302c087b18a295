package io.tradecoord.order.batch.entity;

import io.tradecoord.coordination.lock.fencing.Fenced;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * A batch of dependent orders of one member ({@link BatchItem}s). Its row is written under the batch's lock with
 * the lock's fencing token whenever the batch moves on, so two transitions of its orders advance it one at a time.
 */
@Entity
@Table(name = "order_batch")
public class OrderBatch implements Fenced {

    @Id
    @Column(name = "batch_id", length = 36)
    private String id;

    @Column(name = "member_id", nullable = false, length = 64)
    private String memberId;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    @Column(name = "fencing_token", nullable = false)
    private long fencingToken;

    protected OrderBatch() {
    }

    public OrderBatch(String id, String memberId, Instant now) {
        this.id = id;
        this.memberId = memberId;
        this.createdAt = now.atOffset(ZoneOffset.UTC);
        this.updatedAt = createdAt;
    }

    public void touch(Instant now) {
        updatedAt = now.atOffset(ZoneOffset.UTC);
    }

    public String getId() {
        return id;
    }

    public String getMemberId() {
        return memberId;
    }

    public Instant getCreatedAt() {
        return createdAt.toInstant();
    }

    public Instant getUpdatedAt() {
        return updatedAt.toInstant();
    }

    @Override
    public long getFencingToken() {
        return fencingToken;
    }

    @Override
    public void setFencingToken(long fencingToken) {
        this.fencingToken = fencingToken;
    }
}
