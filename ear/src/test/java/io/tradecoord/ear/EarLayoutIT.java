package io.tradecoord.ear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * The EAR's shape is part of its correctness: the coordination jar and its client libraries exist ONCE, in
 * lib/, so every module shares one class loader for them and therefore one JVM-wide runtime.
 */
class EarLayoutIT {

    private static final Set<String> WARS = Set.of("order-module.war", "inventory-module.war", "member-module.war");

    private final File ear = new File(System.getProperty("ear.file"));

    @Test
    void holdsTheThreeWarsAndTheLibrariesOnceInLib() throws IOException {
        try (ZipFile zip = new ZipFile(ear)) {
            List<String> names = Collections.list(zip.entries()).stream().map(ZipEntry::getName).toList();

            assertEquals(WARS, names.stream().filter(n -> n.endsWith(".war")).collect(Collectors.toSet()));
            for (String library : List.of("coordination-module", "jedis", "curator-recipes", "curator-framework",
                    "zookeeper", "amqp-client", "kafka-clients")) {
                assertTrue(names.stream().anyMatch(n -> n.startsWith("lib/") && n.contains(library) && n.endsWith(".jar")),
                        library + " missing from lib/ of " + ear);
            }
            assertTrue(names.stream().filter(n -> n.endsWith(".jar")).allMatch(n -> n.startsWith("lib/")),
                    "every jar of the EAR belongs in lib/");

            String applicationXml = new String(zip.getInputStream(zip.getEntry("META-INF/application.xml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            for (String root : List.of("/order", "/inventory", "/member")) {
                assertTrue(applicationXml.contains("<context-root>" + root + "</context-root>"), applicationXml);
            }
        }
    }

    @Test
    void noWarCarriesItsOwnCopyOfALibrary() throws IOException {
        List<String> jarsInsideWars = new ArrayList<>();
        try (ZipFile zip = new ZipFile(ear)) {
            for (String war : WARS) {
                try (InputStream in = zip.getInputStream(zip.getEntry(war)); ZipInputStream warZip = new ZipInputStream(in)) {
                    for (ZipEntry entry; (entry = warZip.getNextEntry()) != null; ) {
                        if (entry.getName().endsWith(".jar")) {
                            jarsInsideWars.add(war + "!/" + entry.getName());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), jarsInsideWars);
    }
}
