package io.tradecoord.coordination.bus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record (or class) as an integration event: fired as a plain CDI event inside a transaction, it is
 * written to the module's outbox in that transaction and published to {@link #topic()} after commit.
 * A consuming module declares its OWN type for the same topic (same JSON fields), annotates it the same way and
 * observes it with {@code @Observes @Incoming}. Consumers read strictly: a field the type does not have, or one of its
 * components missing from the JSON, dead-letters the event (null values are sent explicitly, so missing means the
 * contracts differ).
 *
 * <pre>{@code
 * @IntegrationEvent(topic = "order.placed", key = "orderId")
 * public record OrderPlaced(String orderId, String memberId, List<Line> lines) {}
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface IntegrationEvent {

    /** Topic name: lower case words separated by '.' or '-', e.g. {@code order.placed}. */
    String topic();

    /**
     * The record component (or bean property) whose value is the message key: events with the same key are
     * delivered in order. Empty: no key (order is then per topic partition only).
     */
    String key() default "";

    /**
     * The version of the topic's JSON contract, sent with every event (header {@code schema-version}). Raise it
     * when the fields change; a consumer whose type has a lower version dead-letters the event instead of reading
     * fields it does not know.
     */
    int version() default 1;
}
