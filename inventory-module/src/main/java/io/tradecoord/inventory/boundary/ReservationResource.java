package io.tradecoord.inventory.boundary;

import static io.tradecoord.coordination.http.Caller.ADMIN;
import static io.tradecoord.coordination.http.Caller.OPERATOR;

import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.inventory.control.Reservations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /inventory/api/reservations}: what the inventory did for an order (made by the order events, read-only here). */
@Path("reservations")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reservations", description = "Stock set aside for orders, from order.placed to order.paid or order.cancelled")
public class ReservationResource {

    @Inject
    Reservations reservations;

    @GET
    @Path("{orderId}")
    @RolesAllowed({ADMIN, OPERATOR})
    @Operation(summary = "Read an order's reservation",
            description = "RESERVED, RELEASED (cancelled), SOLD (paid), REJECTED (with the reason) or CANCELLED_BEFORE_PLACED "
                    + "(the cancel arrived before the order).")
    @APIResponse(responseCode = "200", description = "The reservation",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReservationView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "Neither an admin nor an operator", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "No event of this order has reached the inventory",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ReservationView read(@Parameter(description = "the order's id", required = true) @PathParam("orderId") String orderId) {
        return reservations.of(orderId).map(ReservationView::of)
                .orElseThrow(() -> ProblemException.notFound("Unknown reservation", "there is no reservation for order " + orderId)
                        .with("orderId", orderId));
    }
}
