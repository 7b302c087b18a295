package io.tradecoord.ear.cluster;

import io.tradecoord.ear.ProbeEar;
import io.tradecoord.ear.flowprobe.RecorderApplication;
import io.tradecoord.ear.lockprobe.ProbeApplication;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built EAR plus the event recorder (/flow-recorder) and the lock probe (/lock-probe), written to a file for
 * scripts/cluster.sh. The probes' tables are created once, never dropped: a node that starts later (or again after a
 * crash) must not wipe what the other node recorded.
 */
final class ClusterEar {

    private ClusterEar() {
    }

    static File write() {
        WebArchive recorder = ShrinkWrap.create(WebArchive.class, "flow-recorder.war")
                .addPackage(RecorderApplication.class.getPackage())
                .addAsResource(createOnly("flowprobe/persistence.xml"), "META-INF/persistence.xml");
        WebArchive lockProbe = ShrinkWrap.create(WebArchive.class, "lock-probe.war")
                .addPackage(ProbeApplication.class.getPackage())
                .addAsResource(createOnly("lockprobe/persistence.xml"), "META-INF/persistence.xml");
        File file = new File("target/cluster-test/tradecoord-cluster.ear").getAbsoluteFile();
        file.getParentFile().mkdirs();
        ProbeEar.withProbes(recorder, lockProbe).as(ZipExporter.class).exportTo(file, true);
        return file;
    }

    private static StringAsset createOnly(String resource) {
        try (InputStream in = ClusterEar.class.getClassLoader().getResourceAsStream(resource)) {
            String xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!xml.contains("\"drop-and-create\"")) {
                throw new IllegalStateException(resource + " no longer says drop-and-create; check ClusterEar");
            }
            return new StringAsset(xml.replace("\"drop-and-create\"", "\"create\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
