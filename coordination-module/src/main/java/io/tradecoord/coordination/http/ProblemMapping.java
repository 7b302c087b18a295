package io.tradecoord.coordination.http;

import io.tradecoord.coordination.lock.LockLostException;
import io.tradecoord.coordination.lock.LockTimeoutException;
import io.tradecoord.coordination.lock.spi.LockProviderException;
import io.tradecoord.coordination.lock.fencing.StaleFencingTokenException;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every exception that leaves a resource into {@code application/problem+json}: the module's own
 * {@link ProblemException}s, unreadable or unknown JSON, violated constraints, the JAX-RS runtime's own errors
 * (404, 405, 406, 415 ...), lock contention and an unreachable lock server (503 with {@code Retry-After}) and
 * anything unexpected (500, logged with an id that the response repeats, never the stack trace).
 * <p>
 * One mapper for {@code Throwable} rather than one per type: the servers ship their own mappers for some types,
 * and which one wins differs between them. Each module registers it with an empty subclass:
 * {@code @Provider public class Problems extends ProblemMapping {}}.
 */
public class ProblemMapping implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ProblemMapping.class.getName());
    private static final int MAX_DETAIL = 300;

    @Override
    public Response toResponse(Throwable failure) {
        Response response = problemOf(failure).toResponse();
        if (failure instanceof NotAllowedException notAllowed) {
            String allow = notAllowed.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow != null) {
                return Response.fromResponse(response).header(HttpHeaders.ALLOW, allow).build();
            }
        }
        if (response.getStatus() == 503) {
            return Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, "1").build();
        }
        return response;
    }

    /** The problem that describes {@code failure}. */
    public static Problem problemOf(Throwable failure) {
        ProblemException own = find(failure, ProblemException.class);
        if (own != null) {
            return own.problem();
        }
        Throwable json = findJsonFailure(failure);
        if (json != null) {
            String message = rootMessage(json);
            Matcher unknown = UNKNOWN_PROPERTY.matcher(message);
            if (unknown.find()) {
                return new Problem(400, "Unknown field", "the request body has a field this resource does not take: " + unknown.group(1))
                        .with("field", unknown.group(1));
            }
            return new Problem(400, "Malformed JSON", "the request body is not valid JSON for this resource: " + clip(withoutClassNames(message)));
        }
        ConstraintViolationException invalid = find(failure, ConstraintViolationException.class);
        if (invalid != null) {
            return violations(invalid.getConstraintViolations());
        }
        if (failure instanceof NotSupportedException) {
            return new Problem(415, "Unsupported media type", "send the body as application/json");
        }
        if (failure instanceof NotAuthorizedException) {
            // Payara's own MicroProfile JWT role filter, ahead of RoleCheck: one answer whichever refused
            return RoleCheck.unauthenticated();
        }
        if (failure instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            String detail = web.getMessage();
            if (detail != null && detail.startsWith("HTTP " + status.getStatusCode())) {
                detail = null; // the runtime's generic text adds nothing to the title
            }
            return new Problem(status.getStatusCode(), status.getReasonPhrase(), detail == null ? null : clip(detail));
        }
        if (find(failure, LockTimeoutException.class) != null) {
            return new Problem(503, "Busy", "the resource is being changed by another request; retry shortly");
        }
        if (find(failure, LockLostException.class) != null || find(failure, StaleFencingTokenException.class) != null) {
            return new Problem(503, "Interrupted", "the change lost its lock before it committed and was rolled back; retry");
        }
        LockProviderException unreachable = find(failure, LockProviderException.class);
        if (unreachable != null) {
            // an outage the client waits out (a lock server restarting, a failover); where the servers are stays in the log
            LOG.log(System.Logger.Level.WARNING, "lock service unavailable: " + unreachable.getMessage());
            return new Problem(503, "Unavailable", "a coordination service cannot be reached at the moment; retry shortly");
        }
        if (find(failure, jakarta.persistence.OptimisticLockException.class) != null) {
            return new Problem(409, "Concurrent change", "the resource was changed by another request; read it again and retry");
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "unexpected failure, incident " + incident, failure);
        return new Problem(500, "Internal error", "the failure was logged as incident " + incident)
                .with("incident", incident);
    }

    /** 400 "Invalid request", naming each violated constraint in {@code detail} and in {@code violations}. */
    public static Problem violations(java.util.Set<? extends ConstraintViolation<?>> violated) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        StringBuilder detail = new StringBuilder();
        violated.stream()
                .sorted(Comparator.comparing((ConstraintViolation<?> v) -> String.valueOf(v.getPropertyPath())).thenComparing(v -> v.getMessage()))
                .forEach(v -> {
                    String field = String.valueOf(v.getPropertyPath());
                    list.add(Json.createObjectBuilder().add("field", field).add("message", v.getMessage()));
                    detail.append(detail.length() == 0 ? "" : "; ").append(field.isEmpty() ? "body" : field).append(' ').append(v.getMessage());
                });
        return new Problem(400, "Invalid request", clip(detail.toString())).with("violations", list.build());
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** JSON-B and JSON-P failures, whichever way the JAX-RS runtime wrapped them. */
    private static Throwable findJsonFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof jakarta.json.bind.JsonbException || t instanceof jakarta.json.JsonException) {
                return t;
            }
        }
        return null;
    }

    /** Yasson's words for a field the target type lacks (with {@code jsonb.fail-on-unknown-properties}). */
    private static final Pattern UNKNOWN_PROPERTY = Pattern.compile("Json property (\\S+) can not be mapped to a class");
    private static final Pattern CLASS_NAME = Pattern.compile("(class )?\\b(?:[a-z_$][\\w$]*\\.)+([A-Z][\\w$]*)");

    /** A client has no use for our class names: {@code class io.x.PlaceOrderRequest} becomes {@code PlaceOrderRequest}. */
    static String withoutClassNames(String message) {
        return CLASS_NAME.matcher(message).replaceAll("$2");
    }

    private static String rootMessage(Throwable failure) {
        String message = failure.getMessage();
        for (Throwable t = failure.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? failure.getClass().getSimpleName() : message;
    }

    private static String clip(String text) {
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= MAX_DETAIL ? oneLine : oneLine.substring(0, MAX_DETAIL) + "...";
    }
}
