package io.tradecoord.member.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.Provider;

/** JSON-B that refuses fields the request type does not declare. */
@Provider
public class StrictJson extends io.tradecoord.coordination.http.StrictJson {

    /**
     * Yasson 3 (Payara 6 and WildFly 39 ship 3.0.x) reads {@code jsonb.fail-on-unknown-properties}; the library's
     * resolver sets only Yasson 2's {@code yasson.fail-on-unknown-properties}, so unknown fields went through. Drop
     * this override once the library sets the key Yasson 3 reads.
     */
    static final String FAIL_ON_UNKNOWN_PROPERTIES = "jsonb.fail-on-unknown-properties";

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig().setProperty(FAIL_ON_UNKNOWN_PROPERTIES, true));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
