package io.tradecoord.inventory.control;

import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The module's persistence unit exactly as its {@code META-INF/persistence.xml} declares it (classes, cache mode,
 * schema-generation properties), handed to a provider the way a server does
 * ({@code createContainerEntityManagerFactory}), only with a plain datasource instead of the server's JTA one.
 */
final class PersistenceUnitOfTheModule implements PersistenceUnitInfo {

    private final URL root;
    private final List<String> classes = new ArrayList<>();
    private final Properties properties = new Properties();
    private final DataSource dataSource;
    private final String providerClass;
    private SharedCacheMode cacheMode = SharedCacheMode.UNSPECIFIED;
    private boolean excludeUnlisted;

    PersistenceUnitOfTheModule(String providerClass, DataSource dataSource) throws Exception {
        this.providerClass = providerClass;
        this.dataSource = dataSource;
        URL xml = getClass().getClassLoader().getResource("META-INF/persistence.xml");
        this.root = new URL(xml, "..");
        Document document;
        try (InputStream in = xml.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().parse(in);
        }
        Element unit = (Element) document.getElementsByTagNameNS("*", "persistence-unit").item(0);
        if (!"inventory".equals(unit.getAttribute("name"))) {
            throw new IllegalStateException("expected the module's unit 'inventory' first, found " + unit.getAttribute("name"));
        }
        NodeList listed = unit.getElementsByTagNameNS("*", "class");
        for (int i = 0; i < listed.getLength(); i++) {
            classes.add(listed.item(i).getTextContent().trim());
        }
        NodeList cache = unit.getElementsByTagNameNS("*", "shared-cache-mode");
        if (cache.getLength() > 0) {
            cacheMode = SharedCacheMode.valueOf(cache.item(0).getTextContent().trim());
        }
        NodeList exclude = unit.getElementsByTagNameNS("*", "exclude-unlisted-classes");
        excludeUnlisted = exclude.getLength() > 0 && Boolean.parseBoolean(exclude.item(0).getTextContent().trim());
        NodeList props = unit.getElementsByTagNameNS("*", "property");
        for (int i = 0; i < props.getLength(); i++) {
            Element property = (Element) props.item(i);
            properties.setProperty(property.getAttribute("name"), property.getAttribute("value"));
        }
    }

    @Override
    public String getPersistenceUnitName() {
        return "inventory";
    }

    @Override
    public String getPersistenceProviderClassName() {
        return providerClass;
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return dataSource;
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    @Override
    public URL getPersistenceUnitRootUrl() {
        return root;
    }

    @Override
    public List<String> getManagedClassNames() {
        return classes;
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return excludeUnlisted;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return cacheMode;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.NONE;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.0";
    }

    @Override
    public ClassLoader getClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public void addTransformer(ClassTransformer transformer) {
        // no weaving outside a server: both providers work without it
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return getClass().getClassLoader();
    }
}
