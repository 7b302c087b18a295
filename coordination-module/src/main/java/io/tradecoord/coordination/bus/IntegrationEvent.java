package io.tradecoord.coordination.bus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record (or class) as an integration event: fired as a plain CDI event inside a transaction, it is
 * written to the module's outbox in that transaction and published to {@link #topic()} after commit.
 * A consuming module declares its OWN type for the same topic (same JSON fields), annotates it the same way and
 * observes it with {@code @Observes @Incoming}.
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
}
