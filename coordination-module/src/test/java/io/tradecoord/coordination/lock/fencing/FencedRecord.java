package io.tradecoord.coordination.lock.fencing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row written under a lock, for the fencing tests. */
@Entity
@Table(name = "coordination_fencing_test")
public class FencedRecord implements Fenced {

    @Id
    private String id;

    @Column(name = "content", nullable = false)
    private String content;

    @Column(name = "fencing_token", nullable = false)
    private long fencingToken;

    protected FencedRecord() {
    }

    public FencedRecord(String id, String content) {
        this.id = id;
        this.content = content;
    }

    public String content() {
        return content;
    }

    public void content(String content) {
        this.content = content;
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
