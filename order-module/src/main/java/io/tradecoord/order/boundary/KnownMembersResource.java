package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.Problem;
import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.order.control.KnownMemberView;
import io.tradecoord.order.control.KnownMembers;
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

    @GET
    @Path("{memberId}")
    @Operation(summary = "Is this member known to the order module?", description = "Eventually consistent with the member module")
    @APIResponse(responseCode = "200", description = "Known since",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = KnownMemberView.class)))
    @APIResponse(responseCode = "404", description = "Not known (yet)", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public KnownMemberView read(@PathParam("memberId") String memberId) {
        return members.find(memberId).orElseThrow(() -> ProblemException.notFound("Member not known",
                "the order module has not heard of member " + OrderProblems.clip(memberId) + " (yet)"));
    }
}
