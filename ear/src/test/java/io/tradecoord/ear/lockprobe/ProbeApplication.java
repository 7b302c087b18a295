package io.tradecoord.ear.lockprobe;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** A test-only module added to the real EAR to exercise locks from inside a module WAR. */
@ApplicationPath("api")
public class ProbeApplication extends Application {
}
