package io.tradecoord.order.batch.boundary;

import static io.tradecoord.coordination.http.Caller.ADMIN;
import static io.tradecoord.coordination.http.Caller.CUSTOMER;
import static io.tradecoord.coordination.http.Caller.OPERATOR;

import io.tradecoord.coordination.http.Caller;
import io.tradecoord.coordination.http.IdempotentRequest;
import io.tradecoord.coordination.http.IdempotentRequests.Answer;
import io.tradecoord.coordination.http.IdempotentRequests;
import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.coordination.http.RequestBodies;
import io.tradecoord.order.batch.control.BatchView;
import io.tradecoord.order.batch.control.InvalidBatchException;
import io.tradecoord.order.batch.control.NewBatch;
import io.tradecoord.order.batch.control.OrderBatches;
import io.tradecoord.order.boundary.OrderProblems;
import io.tradecoord.order.control.PlacementBacklogFullException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /order/api/order-batches}: dependent orders, placed in topological order as their prerequisites are confirmed. */
@Path("order-batches")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "order-batches", description = "Batches of dependent orders")
public class OrderBatchesResource {

    private static final String PROBLEM = Problem.MEDIA_TYPE;

    @Inject
    Validator validator;

    @Inject
    OrderBatches batches;

    @Inject
    IdempotentRequests idempotent;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed({CUSTOMER, ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a batch of dependent orders", description = "Validates the whole graph first (nothing is placed if "
            + "it is invalid), then places the orders without prerequisites; each other order is placed once all it depends on are "
            + "CONFIRMED, and skipped if one of them is rejected or cancelled. At most " + OrderBatches.MAX_ORDERS + " orders. A reference "
            + "named more than once in an order's dependsOn is one dependency and is kept (and read back) once.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = BatchRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted: the batch, its topological order and the orders placed so far",
            headers = {@Header(name = "Location", description = "the batch's URI"),
                    @Header(name = IdempotentRequest.REPLAYED_HEADER, description = "true when the key was used before for this request")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown or missing fields, invalid values", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A customer starting a batch for another member", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "Body not application/json", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Unknown or duplicate reference, a cycle (named in order), too many orders, or "
            + "the Idempotency-Key used before for a different request",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "503", description = "Too many orders wait for the inventory's answer (order.max-pending): retry after "
            + "Retry-After seconds; nothing was stored", content = @Content(mediaType = PROBLEM))
    public Response start(
            @Parameter(description = "1 to 128 visible ASCII characters: a retry with the same key and body gets the first answer again "
                    + "(Idempotent-Replayed: true) and places nothing; the key belongs to the caller (the token's subject)")
            @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            BatchRequest body) {
        NewBatch batch = RequestBodies.requireValid(validator, body).toNewBatch();
        Caller caller = Caller.of(security);
        caller.requireActingFor(batch.memberId());
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, caller.idempotencyScope(), "POST order-batches", batch);
        return idempotent.handle(request, () -> {
            BatchView started = started(batch);
            URI location = uriInfo.getBaseUriBuilder().path(OrderBatchesResource.class).path(started.batchId()).build();
            return Answer.of(Response.accepted(started).location(location).build());
        });
    }

    private BatchView started(NewBatch batch) {
        try {
            return batches.start(batch);
        } catch (InvalidBatchException e) {
            JsonArrayBuilder problems = Json.createArrayBuilder();
            e.problems().forEach(p -> problems.add(Json.createObjectBuilder().add("kind", p.kind().name())
                    .add("references", Json.createArrayBuilder(p.references())).add("message", p.message())));
            throw ProblemException.unprocessable("Invalid batch", e.getMessage()).with("problems", problems.build());
        } catch (PlacementBacklogFullException e) {
            throw OrderProblems.backlogFull(e);
        }
    }

    @GET
    @Path("{batchId}")
    @RolesAllowed({CUSTOMER, ADMIN, OPERATOR})
    @Operation(summary = "Read a batch", description = "The computed topological order, and each order's reference, order id and status")
    @APIResponse(responseCode = "200", description = "The batch",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such batch (or another member's, to a customer)", content = @Content(mediaType = PROBLEM))
    public BatchView read(@PathParam("batchId") String batchId) {
        ProblemException notFound = ProblemException.notFound("Batch not found", "there is no order batch " + OrderProblems.clip(batchId));
        if (!OrderProblems.isUuid(batchId)) {
            throw notFound;
        }
        Caller caller = Caller.of(security);
        return batches.find(batchId).filter(batch -> caller.mayRead(batch.memberId())).orElseThrow(() -> notFound);
    }
}
