package io.tradecoord.ear.busprobe.consumer;

import io.tradecoord.coordination.bus.Incoming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.concurrent.atomic.AtomicBoolean;

@ApplicationScoped
public class GreetingObserver {

    /** while true, greetings with the text "poison" make the observer fail */
    static final AtomicBoolean REFUSE_POISON = new AtomicBoolean(true);

    @PersistenceContext
    EntityManager em;

    void on(@Observes @Incoming GreetingReceived greeting) {
        em.persist(new ReceivedGreeting(greeting.id(), greeting.text()));
        if ("poison".equals(greeting.text()) && REFUSE_POISON.get()) {
            throw new IllegalArgumentException("the observer refuses poison");
        }
    }
}
