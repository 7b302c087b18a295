package io.tradecoord.ear.busprobe.consumer;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test-only module that observes the producer's event through its own type for the same topic. */
@ApplicationPath("api")
public class ConsumerApplication extends Application {
}
