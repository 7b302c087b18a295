package io.tradecoord.ear.flowprobe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

@Entity
@Table(name = "flow_probe_event")
public class RecordedEvent {

    @Id
    private String id;

    private String topic;

    private String eventKey;

    @Column(length = 4000)
    private String payload;

    private long recordedAt;

    protected RecordedEvent() {
    }

    RecordedEvent(String topic, String eventKey, String payload) {
        this.id = UUID.randomUUID().toString();
        this.topic = topic;
        this.eventKey = eventKey;
        this.payload = payload;
        this.recordedAt = System.nanoTime();
    }

    public String getTopic() {
        return topic;
    }

    public String getEventKey() {
        return eventKey;
    }

    public String getPayload() {
        return payload;
    }
}
