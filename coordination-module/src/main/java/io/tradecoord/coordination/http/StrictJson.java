package io.tradecoord.coordination.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.ContextResolver;

/**
 * The JSON-B the modules' resources read and write with: a body with a field the request type does not declare
 * is refused (a misspelt field must not be silently ignored). Register with an empty subclass:
 * {@code @Provider public class Json extends StrictJson {}}.
 */
public class StrictJson implements ContextResolver<Jsonb> {

    /** Yasson's switch (the JSON-B implementation of both WildFly and Payara); other implementations ignore it. */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "yasson.fail-on-unknown-properties";

    // one per module (a provider is a singleton of its application): Yasson caches the module's classes in it
    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
