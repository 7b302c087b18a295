package io.tradecoord.ear.flow;

import io.tradecoord.ear.flowprobe.RecorderApplication;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The built EAR, unchanged, plus the test-only event recorder module (context root /flow-recorder). */
final class FlowEar {

    private FlowEar() {
    }

    static EnterpriseArchive withRecorder() {
        return io.tradecoord.ear.ProbeEar.withProbes(ShrinkWrap.create(WebArchive.class, "flow-recorder.war")
                .addPackage(RecorderApplication.class.getPackage())
                .addAsResource("flowprobe/persistence.xml", "META-INF/persistence.xml"));
    }
}
