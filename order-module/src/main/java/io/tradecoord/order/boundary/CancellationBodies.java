package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.coordination.http.RequestBodies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The cancellation's body is optional, which JAX-RS cannot say with {@code @Consumes}: a POST without body (and
 * without Content-Type) must work. So the resource takes the raw stream (still capped by {@link BodyLimit}) and
 * this reads it: empty means no reason; anything else must be JSON of {@link CancellationRequest}.
 */
@ApplicationScoped
public class CancellationBodies {

    private final StrictJson json = new StrictJson();

    @Inject
    Validator validator;

    Optional<CancellationRequest> read(String contentType, InputStream body) throws IOException {
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Optional.empty();
        }
        if (!isJson(contentType)) {
            throw new ProblemException(new Problem(415, "Unsupported media type", "send the body as application/json"));
        }
        CancellationRequest request = json.getContext(CancellationRequest.class).fromJson(text, CancellationRequest.class);
        return Optional.of(RequestBodies.requireValid(validator, request));
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType()) && "json".equalsIgnoreCase(type.getSubtype());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
