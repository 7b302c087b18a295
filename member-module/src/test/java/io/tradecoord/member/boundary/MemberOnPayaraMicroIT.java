package io.tradecoord.member.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The module as its own service: the built micro WAR, unchanged, on Payara Micro. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class MemberOnPayaraMicroIT {

    @Deployment(testable = false)
    static WebArchive microWar() {
        String version = System.getProperty("application.version");
        File war = new File("target/member-module-" + version + "-micro.war");
        return ShrinkWrap.create(ZipImporter.class, "member.war").importFrom(war).as(WebArchive.class);
    }

    @ArquillianResource
    URL baseUrl;

    @Test
    void aboutDescribesTheModuleOnItsOwnRuntime() throws Exception {
        // Micro binds HTTP to 127.0.0.1 only (scripts/payara-micro/loopback.asadmin), but the adapter reports
        // the URL with the machine's first non-loopback address: keep its port and path, use loopback.
        URI about = new URI("http", null, "127.0.0.1", baseUrl.getPort(), baseUrl.getPath() + "api/about", null, null);
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(about).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("/member/", baseUrl.getPath(), "context root of the micro WAR");
        JsonObject json = Json.createReader(new StringReader(response.body())).readObject();
        assertEquals("member", json.getString("module"));
        assertEquals(System.getProperty("application.version"), json.getString("version"));
        assertEquals("local", json.getString("lockBackend"));
        assertEquals("local", json.getString("busBackend"));
        assertFalse(json.getString("runtimeId").isBlank());
    }
}
