package io.tradecoord.ear.lockprobe;

import io.tradecoord.coordination.lock.fencing.Fenced;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "lock_probe_counter")
public class ProbeCounter implements Fenced {

    @Id
    private String id;

    @Column(name = "counter_value", nullable = false)
    private long value;

    @Column(name = "fencing_token", nullable = false)
    private long fencingToken;

    protected ProbeCounter() {
    }

    public ProbeCounter(String id) {
        this.id = id;
    }

    public long getValue() {
        return value;
    }

    public void setValue(long value) {
        this.value = value;
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
