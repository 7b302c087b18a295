package io.tradecoord.member.probe;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.bus.IntegrationEvent;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test-only consumer of the member module's own events, declared as another module would declare them (its own
 * records, the contract's field names). Keeps what arrived, once the delivery committed.
 */
@ApplicationScoped
public class ObservedEvents {

    @IntegrationEvent(topic = "member.registered", key = "memberId", version = 2)
    public record Registered(String memberId) {
    }

    @IntegrationEvent(topic = "member.updated", key = "memberId", version = 2)
    public record Updated(String memberId) {
    }

    @IntegrationEvent(topic = "member.level-changed", key = "memberId")
    public record LevelChanged(String memberId, String previousLevel, String level, Long points) {
    }

    /** A received event: its topic and its fields as JSON. */
    public record Seen(String topic, String memberId, JsonObject fields) {
    }

    static final List<Seen> SEEN = new CopyOnWriteArrayList<>();

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    void on(@Observes @Incoming Registered event) {
        keep("member.registered", event.memberId(), Json.createObjectBuilder().add("memberId", event.memberId()));
    }

    void on(@Observes @Incoming Updated event) {
        keep("member.updated", event.memberId(), Json.createObjectBuilder().add("memberId", event.memberId()));
    }

    void on(@Observes @Incoming LevelChanged event) {
        keep("member.level-changed", event.memberId(), Json.createObjectBuilder()
                .add("memberId", event.memberId()).add("previousLevel", event.previousLevel()).add("level", event.level())
                .add("points", event.points()));
    }

    // a missing field would be null here and make Json's builder throw: the contract's names are checked too
    private void keep(String topic, String memberId, JsonObjectBuilder fields) {
        Seen seen = new Seen(topic, memberId, fields.build());
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    SEEN.add(seen);
                }
            }
        });
    }
}
