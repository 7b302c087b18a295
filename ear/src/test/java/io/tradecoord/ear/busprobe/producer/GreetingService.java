package io.tradecoord.ear.busprobe.producer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.concurrent.TimeUnit;

@ApplicationScoped
public class GreetingService {

    /** How a probe request fires its greeting. */
    public enum Firing { PLAIN, QUALIFIED, ASYNC }

    @Inject
    Event<Greeting> greetings;

    /** Fires the event in the transaction; {@code failAfterwards} rolls the transaction back after the fire. */
    @Transactional
    public void send(String id, String text, boolean failAfterwards, Firing firing) throws Exception {
        Greeting greeting = new Greeting(id, text);
        switch (firing) {
            case PLAIN -> greetings.fire(greeting);
            case QUALIFIED -> greetings.select(Urgent.Literal.INSTANCE).fire(greeting);
            // a caller that waits for the outcome sees whether the bus took it
            case ASYNC -> greetings.fireAsync(greeting).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (failAfterwards) {
            throw new IllegalStateException("business rule failed after the event was fired: roll back");
        }
    }
}
