package io.tradecoord.order.boundary;

import io.tradecoord.order.testsupport.TestSupportResource;
import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The built micro WAR, unchanged, plus the test-only classes that play the inventory and record events. */
final class TestWars {

    private TestWars() {
    }

    static WebArchive microWar() {
        String version = System.getProperty("application.version");
        File war = new File("target/order-module-" + version + "-micro.war");
        return ShrinkWrap.create(ZipImporter.class, "order.war").importFrom(war).as(WebArchive.class);
    }

    static WebArchive withTestSupport(String microprofileConfig) {
        WebArchive war = microWar().addPackage(TestSupportResource.class.getPackage());
        if (microprofileConfig != null) {
            war.addAsResource(new StringAsset(microprofileConfig), "META-INF/microprofile-config.properties");
        }
        return war;
    }
}
