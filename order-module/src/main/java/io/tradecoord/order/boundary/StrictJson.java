package io.tradecoord.order.boundary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON-B of this module's API: unknown fields and values of the wrong JSON type are refused.
 * <p>Until the shared resolver does both, it is done here: Yasson 3.0.4 (the JSON-B of WildFly 39 and Payara 6)
 * reads the switch as {@code jsonb.fail-on-unknown-properties} (the shared class sets only the
 * {@code yasson.}-prefixed name, which it ignores), and it silently turns {@code 42} into {@code "42"} and
 * {@code 1.5} into {@code 1}; {@link StrictScalars} refuses that.
 */
@Provider
public class StrictJson extends io.tradecoord.coordination.http.StrictJson {

    private final Jsonb jsonb = JsonbBuilder.create(new JsonbConfig()
            .setProperty("jsonb.fail-on-unknown-properties", true)
            .setProperty("yasson.fail-on-unknown-properties", true)
            .withDeserializers(new StrictScalars.Text(), new StrictScalars.WholeNumber(), new StrictScalars.Decimal()));

    @Override
    public Jsonb getContext(Class<?> type) {
        return jsonb;
    }
}
