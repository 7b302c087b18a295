package io.tradecoord.ear.busprobe.producer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

@ApplicationScoped
public class GreetingService {

    @Inject
    Event<Greeting> greetings;

    /** Fires the event in the transaction; {@code failAfterwards} rolls the transaction back after the fire. */
    @Transactional
    public void send(String id, String text, boolean failAfterwards) {
        greetings.fire(new Greeting(id, text));
        if (failAfterwards) {
            throw new IllegalStateException("business rule failed after the event was fired: roll back");
        }
    }
}
