package io.tradecoord.ear.busprobe.consumer;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "bus_probe_received")
public class ReceivedGreeting {

    @Id
    @GeneratedValue
    private Long id;

    private String greetingId;

    private String text;

    protected ReceivedGreeting() {
    }

    public ReceivedGreeting(String greetingId, String text) {
        this.greetingId = greetingId;
        this.text = text;
    }

    public String getGreetingId() {
        return greetingId;
    }

    public String getText() {
        return text;
    }
}
