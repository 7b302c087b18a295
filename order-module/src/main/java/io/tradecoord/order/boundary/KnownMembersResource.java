package io.tradecoord.order.boundary;

import static io.tradecoord.coordination.http.Caller.ADMIN;
import static io.tradecoord.coordination.http.Caller.CUSTOMER;
import static io.tradecoord.coordination.http.Caller.OPERATOR;

import io.tradecoord.coordination.http.Caller;
import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.order.control.KnownMemberView;
import io.tradecoord.order.control.KnownMembers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /order/api/known-members/{memberId}}: whether the order module knows a member yet (it learns members
 * from member.* events, so a new member becomes known moments after its registration; orders for an unknown member
 * are rejected).
 */
@Path("known-members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "known-members", description = "The order module's view of the members")
public class KnownMembersResource {

    @Inject
    KnownMembers members;

    @Context
    SecurityContext security;

    @GET
    @Path("{memberId}")
    @RolesAllowed({CUSTOMER, ADMIN, OPERATOR})
    @Operation(summary = "Is this member known to the order module?", description = "Eventually consistent with the member module")
    @APIResponse(responseCode = "200", description = "Known since",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KnownMemberView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "403", description = "A customer asking about another member", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "Not known (yet)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public KnownMemberView read(@PathParam("memberId") String memberId) {
        Caller.of(security).requireReading(memberId);
        return members.find(memberId).orElseThrow(() -> ProblemException.notFound("Member not known",
                "the order module has not heard of member " + OrderProblems.clip(memberId) + " (yet)"));
    }
}
