package io.tradecoord.coordination.bus;

import io.tradecoord.coordination.http.Caller;
import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.http.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.NoSuchElementException;

/**
 * The REST API of a module's dead letters, for operators: list them (paged, newest first), inspect one with its
 * payload, replay it or discard it. Errors are problem+json (the module's problem mapping renders them). A module
 * exposes it with an empty subclass in its JAX-RS application (JAX-RS finds resources in the module, not in the
 * EAR's {@code lib/}):
 *
 * <pre>{@code
 * @Path("dead-letters")
 * @RequestScoped
 * public class OrderDeadLetters extends DeadLetterEndpoint {
 * }
 * }</pre>
 */
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.OPERATOR)
public abstract class DeadLetterEndpoint {

    @Inject
    DeadLetters deadLetters;

    /** A dead letter as listed: everything but the payload. */
    public record Summary(long id, String module, DeadLetter.Stage stage, String messageId, String topic, String key,
            String eventType, Instant occurredAt, String sourceModule, long sequence, int schemaVersion, int attempts,
            String error, Instant deadAt, Instant replayedAt) {

        static Summary of(DeadLetter letter) {
            Envelope e = letter.envelope();
            return new Summary(letter.id(), letter.module(), letter.stage(), e == null ? null : e.messageId(),
                    e == null ? null : e.topic(), e == null ? null : e.key(), e == null ? null : e.eventType(),
                    e == null ? null : e.occurredAt(), e == null ? null : e.sourceModule(), e == null ? 0 : e.sequence(),
                    e == null ? 0 : e.schemaVersion(), letter.attempts(), letter.error(), letter.deadAt(), letter.replayedAt());
        }
    }

    /** One dead letter inspected: its summary and the payload as it was received (or fired). */
    public record Detail(Summary letter, String payload) {
    }

    /** What a replay did: applied now (or put back into the outbox), or found applied already. */
    public record Replayed(long id, boolean applied) {
    }

    @GET
    public Page<Summary> list(@QueryParam("page") String page, @QueryParam("size") String size,
            @QueryParam("pending") String pending) {
        PageRequest request = PageRequest.parse(page, size);
        boolean pendingOnly = flag("pending", pending);
        return Page.of(deadLetters.list(request.offset(), request.size(), pendingOnly).stream().map(Summary::of).toList(),
                request, deadLetters.count(pendingOnly));
    }

    @GET
    @Path("{id}")
    public Detail inspect(@PathParam("id") String id) {
        long letterId = id(id);
        DeadLetter letter = deadLetters.find(letterId).orElseThrow(() -> unknown(letterId));
        return new Detail(Summary.of(letter), letter.envelope() == null ? null : letter.envelope().payload());
    }

    @POST
    @Path("{id}/replay")
    public Replayed replay(@PathParam("id") String id, @QueryParam("evenIfStale") String evenIfStale) {
        long letterId = id(id);
        boolean force = flag("evenIfStale", evenIfStale);
        try {
            return new Replayed(letterId, deadLetters.replay(letterId, force));
        } catch (NoSuchElementException e) {
            throw unknown(letterId);
        } catch (StaleReplayException e) {
            throw ProblemException.conflict("Stale replay", e.getMessage()).with("id", Long.toString(letterId));
        } catch (IllegalStateException e) {
            throw ProblemException.conflict("Cannot be replayed", e.getMessage()).with("id", Long.toString(letterId));
        } catch (RuntimeException e) {
            // the observer failed again: the letter stays
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw ProblemException.conflict("Replay failed", "the observer failed again, the dead letter stays: " + root)
                    .with("id", Long.toString(letterId));
        }
    }

    @DELETE
    @Path("{id}")
    public Response discard(@PathParam("id") String id) {
        long letterId = id(id);
        if (!deadLetters.discard(letterId)) {
            throw unknown(letterId);
        }
        return Response.noContent().build();
    }

    private static long id(String text) {
        if (text == null || !text.matches("[0-9]{1,18}")) {
            throw ProblemException.notFound("Unknown dead letter", "no dead letter '" + shorten(text) + "': ids are whole numbers");
        }
        return Long.parseLong(text);
    }

    private static ProblemException unknown(long id) {
        return ProblemException.notFound("Unknown dead letter", "this module has no dead letter " + id);
    }

    private static boolean flag(String name, String text) {
        if (text == null || text.isEmpty() || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ProblemException.badRequest("Invalid " + name, name + " must be true or false, was '" + shorten(text) + "'");
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
