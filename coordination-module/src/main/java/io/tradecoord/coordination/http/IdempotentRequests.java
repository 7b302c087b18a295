package io.tradecoord.coordination.http;

import io.tradecoord.coordination.bus.core.BusFactory;
import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.runtime.InvalidConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;

/**
 * Makes a state-changing request safe to retry. The first request with an {@code Idempotency-Key} runs, and its
 * answer (status, {@code Location}, JSON body) is stored in the module's database in the same transaction as its
 * effect; a later request with the same key, from the same caller and with the same content gets that answer
 * again with {@code Idempotent-Replayed: true} and changes nothing; the same key with other content is refused
 * with 422, naming nothing of the first request. Requests with one key run one at a time (a distributed lock on
 * the key, taken before the transaction), so 50 copies sent at once apply once; the stored row's primary key is
 * the backstop. Answers are kept for {@value #RETENTION_KEY} (default 24 h).
 * <p>Only a successful answer (2xx) is remembered: a request that failed changed nothing and runs again when
 * retried. An action may also decline to be remembered ({@link Answer#notRemembered}), for an answer that a retry
 * may change (an order refused because its member is not known yet).
 * <p>The tables live with the bus's ({@code coordination_request}, created when the module joins the bus); the
 * module's datasource is the bus's ({@code coordination.bus.datasource}).
 */
@ApplicationScoped
public class IdempotentRequests {

    /** How long a stored answer is given again, in milliseconds (default 24 hours); a later request with the key runs anew. */
    public static final String RETENTION_KEY = "coordination.idempotency.retention-ms";
    static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /** How long a request waits for another one with the same key to finish. */
    static final long KEY_WAIT_MILLIS = 10_000;

    private static final System.Logger LOG = System.getLogger(IdempotentRequests.class.getName());
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);
    private static final Map<String, Instant> NEXT_PURGE = new ConcurrentHashMap<>();

    @Inject
    Config config;

    @Inject
    IdempotentRequests self;

    /** What an action answered, and whether a retry with the same key must get this answer again. */
    public record Answer(Response response, boolean remembered) {

        /** Given again to every retry with the same key (if it is a 2xx). */
        public static Answer of(Response response) {
            return new Answer(response, true);
        }

        /** Not given again: a retry with the same key runs the action anew. */
        public static Answer notRemembered(Response response) {
            return new Answer(response, false);
        }
    }

    /**
     * Runs {@code action} unless an answer for the request is stored, in one transaction with storing its answer.
     * Without a key, runs it as it is (in its own transactions). Exceptions of the action pass through (its
     * transaction rolls back, nothing is remembered).
     *
     * @throws ProblemException 422 if the key was used by this caller for a different request
     * @throws io.tradecoord.coordination.lock.LockTimeoutException if another request with the key runs longer than 10 s
     */
    public Response handle(IdempotentRequest request, Supplier<Answer> action) {
        if (!request.hasKey()) {
            return action.get().response();
        }
        String module = lookup("java:module/ModuleName", String.class);
        Response response = self.once(module + ":" + request.scopedKey(), module, request, action);
        purgeIfDue(module);
        return response;
    }

    /** Holds the key's lock from before the transaction begins until after it ended. */
    @Locked(key = "idempotency:{key}", waitMillis = KEY_WAIT_MILLIS)
    @Transactional
    public Response once(@LockKey("key") String lockKey, String module, IdempotentRequest request, Supplier<Answer> action) {
        Instant now = Instant.now();
        DataSource dataSource = dataSource(module);
        try (Connection connection = dataSource.getConnection()) { // enlisted in this transaction
            Optional<RequestRecords.Stored> earlier = RequestRecords.find(connection, module, request.scopedKey());
            if (earlier.isPresent() && earlier.get().storedAt().isAfter(now.minus(retention()))) {
                return replay(earlier.get(), request);
            }
            earlier.ifPresent(expired -> RequestRecords.delete(connection, module, request.scopedKey()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the stored answers of " + module + ": " + e.getMessage(), e);
        }
        Answer answer = action.get();
        Response response = answer.response();
        if (!answer.remembered() || response.getStatusInfo().getFamily() != Response.Status.Family.SUCCESSFUL) {
            return response;
        }
        String body = body(response.getEntity());
        URI location = response.getLocation();
        RequestRecords.Stored stored = new RequestRecords.Stored(request.fingerprint(), response.getStatus(),
                location == null ? null : location.toString(), body, now);
        try (Connection connection = dataSource.getConnection()) {
            RequestRecords.insert(connection, module, request.scopedKey(), stored);
        } catch (SQLException e) {
            // the key's lock makes this unreachable unless that lock was lost: the transaction rolls back
            throw new ProblemException(new Problem(503, "Request in progress",
                    "another request with this Idempotency-Key is being processed; retry shortly"));
        }
        return answerOf(stored, false);
    }

    private static Response replay(RequestRecords.Stored stored, IdempotentRequest request) {
        if (!stored.fingerprint().equals(request.fingerprint())) {
            throw ProblemException.unprocessable("Idempotency-Key reused",
                    "this Idempotency-Key was used before for a different request; send a new key with a new request");
        }
        return answerOf(stored, true);
    }

    private static Response answerOf(RequestRecords.Stored stored, boolean replayed) {
        Response.ResponseBuilder answer = Response.status(stored.status());
        if (stored.body() != null) {
            answer.entity(stored.body()).type(MediaType.APPLICATION_JSON);
        }
        if (stored.location() != null) {
            answer.header(HttpHeaders.LOCATION, stored.location());
        }
        if (replayed) {
            answer.header(IdempotentRequest.REPLAYED_HEADER, "true");
        }
        return answer.build();
    }

    private static String body(Object entity) {
        if (entity == null) {
            return null;
        }
        String json = IdempotentRequest.json(entity);
        if (json.length() > RequestRecords.MAX_BODY) {
            throw new IllegalStateException("an answer of " + json.length() + " characters is too large to be stored for a retry");
        }
        return json;
    }

    Duration retention() {
        Optional<String> value = config.getOptionalValue(RETENTION_KEY, String.class).map(String::strip);
        if (value.isEmpty() || value.get().isEmpty()) {
            return DEFAULT_RETENTION;
        }
        try {
            long millis = Long.parseLong(value.get());
            if (millis < 1) {
                throw new InvalidConfigurationException(RETENTION_KEY, value.get(), "must be at least 1 (milliseconds)");
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(RETENTION_KEY, value.get(), "not a whole number of milliseconds");
        }
    }

    /** Forgets expired answers, at most once a minute per module, outside any request's transaction. */
    private void purgeIfDue(String module) {
        Instant now = Instant.now();
        Instant due = NEXT_PURGE.get(module);
        Instant next = now.plus(PURGE_EVERY);
        boolean mine = due == null ? NEXT_PURGE.putIfAbsent(module, next) == null : !now.isBefore(due) && NEXT_PURGE.replace(module, due, next);
        if (!mine) {
            return;
        }
        try (Connection connection = dataSource(module).getConnection()) {
            int deleted = RequestRecords.deleteStoredBefore(connection, module, now.minus(retention()));
            if (deleted > 0) {
                LOG.log(Level.DEBUG, () -> module + ": forgot " + deleted + " expired answers to Idempotency-Keys");
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, module + ": could not forget expired answers to Idempotency-Keys (tried again in a minute): " + e);
        }
    }

    private DataSource dataSource(String module) {
        return lookup(BusFactory.dataSourceFor(config, module), DataSource.class);
    }

    private static <T> T lookup(String name, Class<T> type) {
        try {
            return type.cast(new InitialContext().lookup(name));
        } catch (NamingException e) {
            throw new IllegalStateException("JNDI look-up of " + name + " failed in this module: " + e.getMessage(), e);
        }
    }
}
