package io.tradecoord.inventory.boundary;

import static io.tradecoord.coordination.http.Caller.ADMIN;
import static io.tradecoord.coordination.http.Caller.OPERATOR;

import io.tradecoord.coordination.http.Caller;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.IdempotentRequest;
import io.tradecoord.coordination.http.IdempotentRequests;
import io.tradecoord.coordination.http.IdempotentRequests.Answer;
import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.RequestBodies;
import io.tradecoord.inventory.control.SkuCatalog;
import io.tradecoord.inventory.entity.Sku;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /inventory/api/skus}: SKUs, their stock and its ledger. */
@Path("skus")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "skus", description = "Stock keeping units, their stock (on hand, reserved, available) and its ledger")
public class SkuResource {

    /** Whose keys: nobody is named by these requests (the token's subject once requests are authenticated). */

    @Inject
    SkuCatalog catalog;

    @Inject
    IdempotentRequests idempotent;

    @Inject
    Validator validator;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a SKU", description = "Creates a SKU with its initial stock; announces inventory.stock-changed (CREATED).")
    @APIResponse(responseCode = "201", description = "Created; Location names the new SKU",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkuView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown or missing fields, invalid values",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "A SKU with this code exists", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Body not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Idempotency-Key used before for a different request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The SKU is locked by another change; retry", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response create(
            @Parameter(description = "1 to 128 visible ASCII characters: a retry with the same key and body gets the first answer "
                    + "(Idempotent-Replayed: true) and creates nothing") @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            NewSku body) {
        NewSku sku = RequestBodies.requireValid(validator, body);
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, Caller.of(security).idempotencyScope(), "POST skus", sku);
        return idempotent.handle(request, () -> {
            Sku created = InventoryProblems.translated(() -> catalog.create(sku.sku(), sku.name().strip(), sku.unitPrice(), sku.initialStock()));
            return Answer.of(Response.created(uriInfo.getAbsolutePathBuilder().path(created.getCode()).build())
                    .entity(SkuView.of(created)).build());
        });
    }

    @GET
    @PermitAll
    @Operation(summary = "List SKUs", description = "One page of the SKUs, ordered by code.")
    @APIResponse(responseCode = "200", description = "A page of SKUs (items are SKUs)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Page<SkuView> list(
            @Parameter(description = "page number, from 0", schema = @Schema(minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "items per page, 1 to 100", schema = @Schema(minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        Page<Sku> skus = catalog.list(PageRequest.parse(page, size));
        return new Page<>(skus.items().stream().map(SkuView::of).toList(), skus.page(), skus.size(), skus.totalItems(), skus.totalPages());
    }

    @GET
    @Path("{sku}")
    @PermitAll
    @Operation(summary = "Read a SKU", description = "The SKU with its stock: onHand, reserved and available = onHand - reserved.")
    @APIResponse(responseCode = "200", description = "The SKU",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkuView.class)))
    @APIResponse(responseCode = "404", description = "Unknown SKU", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public SkuView read(@Parameter(description = "the SKU code", required = true) @PathParam("sku") String code) {
        return catalog.find(code).map(SkuView::of).orElseThrow(() -> InventoryProblems.unknownSku(code));
    }

    @POST
    @Path("{sku}/adjustments")
    @RolesAllowed(ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Restock or correct a SKU",
            description = "Adds delta units on hand (negative: removes them) under the SKU's lock; refused if available would go below 0. "
                    + "Announces inventory.stock-changed (ADJUSTED).")
    @APIResponse(responseCode = "200", description = "The SKU after the adjustment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SkuView.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON, unknown or missing fields, delta 0 or out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Unknown SKU", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "Available would go below 0 (the problem has onHand, reserved, available)",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "413", description = "Body over 64 KiB", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "Body not application/json", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "Idempotency-Key used before for a different request", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "The SKU is locked by another change; retry", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response adjust(@Parameter(description = "the SKU code", required = true) @PathParam("sku") String code,
            @Parameter(description = "1 to 128 visible ASCII characters: a retry with the same key and body gets the first answer "
                    + "(Idempotent-Replayed: true) and changes nothing") @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            Adjustment body) {
        Adjustment adjustment = RequestBodies.requireValid(validator, body);
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, Caller.of(security).idempotencyScope(), "POST skus/" + code + "/adjustments", adjustment);
        return idempotent.handle(request, () -> Answer.of(Response.ok(
                SkuView.of(InventoryProblems.translated(() -> catalog.adjust(code, adjustment.delta(), adjustment.reason().strip())))).build()));
    }

    @GET
    @Path("{sku}/movements")
    @RolesAllowed({ADMIN, OPERATOR})
    @Operation(summary = "A SKU's stock ledger", description = "Every change of the SKU's stock, oldest first, with the stock after it.")
    @APIResponse(responseCode = "200", description = "A page of ledger entries",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Page.class)))
    @APIResponse(responseCode = "400", description = "Invalid page or size", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Neither an admin nor an operator", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Unknown SKU", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Page<MovementView> movements(
            @Parameter(description = "the SKU code", required = true) @PathParam("sku") String code,
            @Parameter(description = "page number, from 0", schema = @Schema(minimum = "0", defaultValue = "0")) @QueryParam("page") String page,
            @Parameter(description = "items per page, 1 to 100", schema = @Schema(minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        var request = PageRequest.parse(page, size);
        var movements = InventoryProblems.translated(() -> catalog.movements(code, request));
        return new Page<>(movements.items().stream().map(MovementView::of).toList(), movements.page(), movements.size(),
                movements.totalItems(), movements.totalPages());
    }
}
