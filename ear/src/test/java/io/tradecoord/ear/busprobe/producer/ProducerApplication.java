package io.tradecoord.ear.busprobe.producer;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Test-only module that fires an integration event inside its business transaction. */
@ApplicationPath("api")
public class ProducerApplication extends Application {
}
