package io.tradecoord.ear.flowprobe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A test-only module that observes the business modules' events, as any other module would, and lists them. */
@ApplicationPath("api")
public class RecorderApplication extends Application {
}
