package io.tradecoord.coordination.bus;

import jakarta.inject.Qualifier;
import jakarta.enterprise.util.AnnotationLiteral;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies an integration event that arrived from the bus: {@code void on(@Observes @Incoming OrderPlaced e)}.
 * Such observers are discovered at deployment; their module gets its own subscription per topic. The observer
 * runs in a transaction that also records the message in the module's inbox, so a duplicate delivery is applied
 * once; if it throws, the delivery is retried with backoff and dead-lettered after the configured attempts.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD, ElementType.TYPE})
public @interface Incoming {

    /** For firing: {@code beanManager.getEvent().select(Incoming.Literal.INSTANCE)}. */
    final class Literal extends AnnotationLiteral<Incoming> implements Incoming {
        public static final Literal INSTANCE = new Literal();
        private static final long serialVersionUID = 1L;
    }
}
