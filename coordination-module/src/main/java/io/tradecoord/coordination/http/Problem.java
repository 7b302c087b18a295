package io.tradecoord.coordination.http;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem detail: what every error response of every module says, as {@code application/problem+json}.
 * {@code extensions} carries machine-readable members next to the standard ones (e.g. {@code currentStatus},
 * {@code violations}).
 */
public record Problem(int status, String title, String detail, Map<String, JsonValue> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    /** Every 401 says how to authenticate: with a bearer token (MicroProfile JWT). */
    static final String CHALLENGE_HEADER = "WWW-Authenticate";
    static final String CHALLENGE = "Bearer";

    public Problem {
        Objects.requireNonNull(title, "title");
        extensions = Map.copyOf(extensions == null ? Map.of() : extensions);
    }

    public Problem(int status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    /** A copy with one more extension member. */
    public Problem with(String name, JsonValue value) {
        var more = new LinkedHashMap<>(extensions);
        more.put(name, value);
        return new Problem(status, title, detail, more);
    }

    public Problem with(String name, String value) {
        return with(name, Json.createValue(value));
    }

    public JsonObject toJson() {
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status);
        if (detail != null) {
            json.add("detail", detail);
        }
        extensions.forEach(json::add);
        return json.build();
    }

    public Response toResponse() {
        Response.ResponseBuilder response = Response.status(status).type(MEDIA_TYPE).entity(toJson().toString());
        if (status == 401) {
            response.header(CHALLENGE_HEADER, CHALLENGE);
        }
        return response.build();
    }

    /** Written to the servlet response as it is, for answers the JAX-RS runtime does not make; see {@link #toResponse()}. */
    public void writeTo(HttpServletResponse response) throws IOException {
        response.setStatus(status);
        if (status == 401) {
            response.setHeader(CHALLENGE_HEADER, CHALLENGE);
        }
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = toJson().toString().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        try {
            response.getOutputStream().write(body);
        } catch (IllegalStateException writerInUse) {
            response.getWriter().write(new String(body, StandardCharsets.UTF_8));
        }
    }
}
