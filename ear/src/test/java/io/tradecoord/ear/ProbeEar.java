package io.tradecoord.ear;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The built EAR plus test-only module WARs: the library stays exactly where the product puts it (once, in
 * lib/), and the probes use it as any module does. Each probe's context root is its archive name.
 */
public final class ProbeEar {

    private static final String[] PRODUCT_MODULES = {"order", "inventory", "member"};

    private ProbeEar() {
    }

    public static EnterpriseArchive withProbes(WebArchive... probes) {
        EnterpriseArchive ear = ShrinkWrap.create(ZipImporter.class, "tradecoord.ear")
                .importFrom(new File(System.getProperty("ear.file"))).as(EnterpriseArchive.class);
        StringBuilder modules = new StringBuilder();
        for (String module : PRODUCT_MODULES) {
            modules.append(web(module + "-module.war", "/" + module));
        }
        for (WebArchive probe : probes) {
            ear.addAsModule(probe);
            modules.append(web(probe.getName(), "/" + probe.getName().replace(".war", "")));
        }
        ear.delete("META-INF/application.xml");
        ear.setApplicationXML(new StringAsset("""
                <?xml version="1.0" encoding="UTF-8"?>
                <application xmlns="https://jakarta.ee/xml/ns/jakartaee" version="10">
                  <application-name>tradecoord</application-name>
                %s  <library-directory>lib</library-directory>
                </application>
                """.formatted(modules)));
        return ear;
    }

    private static String web(String uri, String contextRoot) {
        return "  <module><web><web-uri>" + uri + "</web-uri><context-root>" + contextRoot + "</context-root></web></module>\n";
    }
}
