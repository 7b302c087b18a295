package io.tradecoord.order.boundary;

import static io.tradecoord.order.boundary.OrderProblems.requireOrderId;
import static io.tradecoord.order.boundary.OrderProblems.translated;

import static io.tradecoord.coordination.http.Caller.ADMIN;
import static io.tradecoord.coordination.http.Caller.CUSTOMER;
import static io.tradecoord.coordination.http.Caller.OPERATOR;

import io.tradecoord.coordination.http.Caller;
import io.tradecoord.coordination.http.IdempotentRequest;
import io.tradecoord.coordination.http.IdempotentRequests;
import io.tradecoord.coordination.http.IdempotentRequests.Answer;
import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.coordination.http.RequestBodies;
import io.tradecoord.order.control.NewOrder;
import io.tradecoord.order.control.OrderPlacement;
import io.tradecoord.order.control.OrderQueries;
import io.tradecoord.order.control.OrderTransitions;
import io.tradecoord.order.control.OrderView;
import io.tradecoord.order.control.PaymentResult;
import io.tradecoord.order.control.Placement;
import io.tradecoord.order.entity.OrderStatus;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code /order/api/orders}: place, read and list orders, and move them on (payment, shipment, cancellation).
 * Thin: validation here, every decision in the control layer.
 */
@Path("orders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "orders", description = "Orders and their status machine")
public class OrdersResource {

    private static final String PROBLEM = Problem.MEDIA_TYPE;
    private static final String KEY_DESCRIPTION = "1 to 128 visible ASCII characters: a retry with the same key and body gets the "
            + "first answer again (Idempotent-Replayed: true) and changes nothing; the key belongs to the caller (the token's subject)";

    @Inject
    Validator validator;

    @Inject
    OrderPlacement placement;

    @Inject
    OrderQueries queries;

    @Inject
    OrderTransitions transitions;

    @Inject
    CancellationBodies cancellationBodies;

    @Inject
    IdempotentRequests idempotent;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed({CUSTOMER, ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Place an order", description = "Stores the order PENDING and publishes order.placed; the inventory's "
            + "answer confirms or rejects it. With an Idempotency-Key, a retry of the same request returns the first order.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PlaceOrderRequest.class)))
    @APIResponse(responseCode = "202", description = "Accepted: the order, PENDING",
            headers = {@Header(name = "Location", description = "the order's URI"),
                    @Header(name = IdempotentRequest.REPLAYED_HEADER, description = "true when the key was used before for this request")},
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown or missing fields, invalid values or Idempotency-Key",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A customer placing an order for another member", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "Body not application/json", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Idempotency-Key used before for a different request", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "503", description = "Too many orders wait for the inventory's answer (order.max-pending), or a retry "
            + "with the same key is still in progress: retry after Retry-After seconds; nothing was stored", content = @Content(mediaType = PROBLEM))
    public Response place(
            @Parameter(description = KEY_DESCRIPTION) @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            PlaceOrderRequest body) {
        NewOrder order = RequestBodies.requireValid(validator, body).toNewOrder();
        Caller caller = Caller.of(security);
        caller.requireActingFor(order.memberId());
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, caller.idempotencyScope(), "POST orders", order.fingerprint());
        return idempotent.handle(request, () -> {
            Placement placed = translated(() -> placement.place(order));
            URI location = uriInfo.getBaseUriBuilder().path(OrdersResource.class).path(placed.order().orderId()).build();
            Response accepted = Response.accepted(placed.order()).location(location).build();
            // refused because the member is not known yet: a retry once it is known must place the order
            return placed.memberWasUnknown() ? Answer.notRemembered(accepted) : Answer.of(accepted);
        });
    }

    @GET
    @Path("{orderId}")
    @RolesAllowed({CUSTOMER, ADMIN, OPERATOR})
    @Operation(summary = "Read an order", description = "Status, lines (unit prices once confirmed), total, payment deadline, history")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such order (or another member's, to a customer)", content = @Content(mediaType = PROBLEM))
    public OrderView read(@PathParam("orderId") String orderId) {
        Caller caller = Caller.of(security);
        return queries.find(requireOrderId(orderId))
                .filter(order -> caller.mayRead(order.memberId()))
                .orElseThrow(() -> notFound(orderId));
    }

    /**
     * The order, if this caller may change it: to a customer, another member's order is as absent as one that does not
     * exist, so that order ids cannot be probed.
     */
    private void requireActingOn(Caller caller, String orderId) {
        if (caller.is(ADMIN)) {
            return;
        }
        queries.find(orderId).filter(order -> caller.mayActFor(order.memberId())).orElseThrow(() -> notFound(orderId));
    }

    private static ProblemException notFound(String orderId) {
        return ProblemException.notFound("Order not found", "there is no order " + orderId);
    }

    @GET
    @RolesAllowed({CUSTOMER, ADMIN, OPERATOR})
    @Operation(summary = "List a member's orders", description = "Newest first, paged, optionally only those in one status")
    @APIResponse(responseCode = "200", description = "One page: items, page, size, totalItems, totalPages",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "memberId missing, unknown status, bad page or size", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A customer asking for another member's orders", content = @Content(mediaType = PROBLEM))
    public Page<OrderView> list(
            @Parameter(required = true, description = "whose orders") @QueryParam("memberId") String memberId,
            @Parameter(description = "only orders in this status", schema = @Schema(enumeration = {"PENDING", "CONFIRMED", "REJECTED", "PAID",
                    "SHIPPED", "CANCELLED"})) @QueryParam("status") String status,
            @Parameter(description = "page number from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = "1 to 100, default 20", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100"))
            @QueryParam("size") String size) {
        if (memberId == null || memberId.isBlank()) {
            throw ProblemException.badRequest("Missing memberId", "give the member whose orders to list: ?memberId=...");
        }
        if (memberId.length() > PlaceOrderRequest.MAX_MEMBER_ID) {
            throw ProblemException.badRequest("Invalid memberId", "a member id has at most " + PlaceOrderRequest.MAX_MEMBER_ID + " characters");
        }
        Caller caller = Caller.of(security);
        caller.requireReading(memberId);
        PageRequest paging = PageRequest.parse(page, size);
        return queries.list(memberId, statusFilter(status), paging);
    }

    @POST
    @Path("{orderId}/payment")
    @RolesAllowed({CUSTOMER, ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Pay a confirmed order", description = "The amount must be the total; publishes order.paid. "
            + "A payment after the deadline cancels the order instead (409).")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = PaymentRequest.class)))
    @APIResponse(responseCode = "200", description = "The order, PAID",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid body", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such order (or another member's, to a customer)", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Not CONFIRMED (currentStatus says what it is), or the deadline passed",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "Body not application/json", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "The amount is not the total, or the Idempotency-Key was used before for a different "
            + "request", content = @Content(mediaType = PROBLEM))
    public Response pay(@PathParam("orderId") String orderId,
            @Parameter(description = KEY_DESCRIPTION) @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            PaymentRequest body) {
        requireOrderId(orderId);
        PaymentRequest payment = RequestBodies.requireValid(validator, body);
        Caller caller = Caller.of(security);
        requireActingOn(caller, orderId);
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, caller.idempotencyScope(), "POST orders/" + orderId + "/payment", payment);
        return idempotent.handle(request, () -> {
            PaymentResult result = translated(() -> transitions.pay(orderId, payment.amount()));
            if (result.deadlinePassed()) {
                // answered, not thrown: the automatic cancel it made stays; a retry is refused by the order's status anyway
                return Answer.notRemembered(OrderProblems.illegalTransition("order " + orderId + " was not paid by " + result.order().payBy()
                        + " and has been cancelled; the payment is refused", result.order().status()).problem().toResponse());
            }
            return Answer.of(Response.ok(result.order()).build());
        });
    }

    @POST
    @Path("{orderId}/shipment")
    @RolesAllowed(ADMIN)
    @Operation(summary = "Ship a paid order", description = "Publishes order.shipped. Needs the admin role.")
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "200", description = "The order, SHIPPED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such order (or another member's, to a customer)", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Not PAID (currentStatus says what it is)", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Idempotency-Key used before for a different request", content = @Content(mediaType = PROBLEM))
    public Response ship(@PathParam("orderId") String orderId,
            @Parameter(description = KEY_DESCRIPTION) @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey) {
        requireOrderId(orderId);
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, Caller.of(security).idempotencyScope(), "POST orders/" + orderId + "/shipment", null);
        return idempotent.handle(request, () -> Answer.of(Response.ok(translated(() -> transitions.ship(orderId))).build()));
    }

    @POST
    @Path("{orderId}/cancellation")
    @RolesAllowed({CUSTOMER, ADMIN})
    @Operation(summary = "Cancel a pending or confirmed order", description = "Optional JSON body {\"reason\": ...}; publishes "
            + "order.cancelled with automatic=false")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = CancellationRequest.class)))
    @APIResponse(responseCode = "200", description = "The order, CANCELLED",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Malformed or invalid body", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = "No such order (or another member's, to a customer)", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = "Already paid, shipped, rejected or cancelled (currentStatus)",
            content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = "A body that is not application/json", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = "Idempotency-Key used before for a different request", content = @Content(mediaType = PROBLEM))
    public Response cancel(@PathParam("orderId") String orderId, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = KEY_DESCRIPTION) @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            InputStream body) throws IOException {
        requireOrderId(orderId);
        Optional<CancellationRequest> cancellation = cancellationBodies.read(contentType, body);
        String reason = cancellation.map(CancellationRequest::reason).orElse(null);
        Caller caller = Caller.of(security);
        requireActingOn(caller, orderId);
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, caller.idempotencyScope(),
                "POST orders/" + orderId + "/cancellation", reason);
        return idempotent.handle(request, () -> Answer.of(Response.ok(translated(() -> transitions.cancel(orderId, reason))).build()));
    }

    private static Optional<OrderStatus> statusFilter(String status) {
        if (status == null || status.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(OrderStatus.parse(status.trim().toUpperCase(Locale.ROOT)).orElseThrow(() -> ProblemException
                .badRequest("Unknown status", "status '" + OrderProblems.clip(status) + "' is not one of " + OrderStatus.allowedNames())
                .with("allowed", Json.createArrayBuilder(OrderStatus.all().stream().map(Enum::name).toList()).build())));
    }

}
