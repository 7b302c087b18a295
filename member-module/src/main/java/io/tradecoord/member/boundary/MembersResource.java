package io.tradecoord.member.boundary;

import static io.tradecoord.coordination.http.Caller.ADMIN;
import static io.tradecoord.coordination.http.Caller.CUSTOMER;

import io.tradecoord.coordination.http.Caller;
import static io.tradecoord.member.boundary.ApiResponses.PROBLEM;

import io.tradecoord.coordination.http.IdempotentRequest;
import io.tradecoord.coordination.http.IdempotentRequests;
import io.tradecoord.coordination.http.IdempotentRequests.Answer;
import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.coordination.http.RequestBodies;
import io.tradecoord.member.control.EmailAddress;
import io.tradecoord.member.control.MemberIds;
import io.tradecoord.member.control.MemberRegistration;
import io.tradecoord.member.control.Members;
import io.tradecoord.member.control.ProfileChange;
import io.tradecoord.member.control.ProfileEditing;
import io.tradecoord.member.entity.Member;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code /member/api/members}: register, read, list and update members; their point awards. */
@Path("members")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "members", description = "Members, their points and loyalty level")
public class MembersResource {

    @Inject
    Validator validator;

    @Inject
    Members members;

    @Inject
    MemberRegistration registration;

    @Inject
    ProfileEditing editing;

    @Inject
    IdempotentRequests idempotent;

    @Context
    UriInfo uriInfo;

    @Context
    SecurityContext security;

    @POST
    @RolesAllowed(ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a member", description = "Publishes member.registered. One member per e-mail address, compared without case. "
            + "Needs the admin role (the shop's sign-up service); the member's own token then carries the new id as its subject.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = Registration.class)))
    @APIResponse(responseCode = "201", description = "Registered; Location names the new member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = ApiResponses.BAD_REQUEST, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = ApiResponses.TOO_LARGE, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = ApiResponses.UNSUPPORTED, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "503", description = ApiResponses.BUSY, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = ApiResponses.KEY_REUSED, content = @Content(mediaType = PROBLEM))
    public Response register(
            @Parameter(description = ApiResponses.IDEMPOTENCY_KEY) @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            Registration body) {
        Registration valid = RequestBodies.requireValid(validator, body);
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, Caller.of(security).idempotencyScope(), "POST members", Arrays.asList(valid.email(), valid.displayName()));
        return idempotent.handle(request, () -> {
            Member member = MemberProblems.translated(() -> registration.register(EmailAddress.of(valid.email()), valid.displayName()));
            return Answer.of(Response.created(uriInfo.getAbsolutePathBuilder().path(member.getId()).build())
                    .entity(MemberView.of(member))
                    .build());
        });
    }

    @GET
    @RolesAllowed(ADMIN)
    @Operation(summary = "List members", description = "In registration order, one page at a time. Needs the admin role.")
    @APIResponse(responseCode = "200", description = "One page: items, page, size, totalItems, totalPages",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = ApiResponses.BAD_REQUEST, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "Not an admin", content = @Content(mediaType = PROBLEM))
    public Page<MemberView> list(
            @Parameter(description = "page number from 0", schema = @Schema(defaultValue = "0", minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = "items per page, 1 to 100", schema = @Schema(defaultValue = "20", minimum = "1", maximum = "100")) @QueryParam("size") String size) {
        PageRequest request = PageRequest.parse(page, size);
        return Page.of(members.page(request).stream().map(MemberView::of).toList(), request, members.count());
    }

    @GET
    @Path("{memberId}")
    @RolesAllowed({CUSTOMER, ADMIN})
    @Operation(summary = "Read a member", description = "Profile, points and level.")
    @APIResponse(responseCode = "200", description = "The member",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A customer asking for another member", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = ApiResponses.NOT_FOUND, content = @Content(mediaType = PROBLEM))
    public MemberView read(@Parameter(description = "the member's id") @PathParam("memberId") String memberId) {
        Caller.of(security).requireActingFor(memberId);
        return MemberView.of(existing(memberId));
    }

    @PATCH
    @Path("{memberId}")
    @RolesAllowed({CUSTOMER, ADMIN})
    @Consumes({ApiResponses.MERGE_PATCH, MediaType.APPLICATION_JSON})
    @Operation(summary = "Change a member's profile",
            description = "JSON merge patch of email and/or displayName; a field left out stays, null is refused. "
                    + "Publishes member.updated when something changed; a patch that changes nothing publishes nothing.")
    @RequestBody(required = true, content = {
            @Content(mediaType = ApiResponses.MERGE_PATCH, schema = @Schema(implementation = ProfilePatch.class)),
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProfilePatch.class))})
    @APIResponse(responseCode = "200", description = "The member after the change",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MemberView.class)))
    @APIResponse(responseCode = "400", description = ApiResponses.BAD_REQUEST, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A customer changing another member", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = ApiResponses.NOT_FOUND, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "409", description = ApiResponses.CONFLICT, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "413", description = ApiResponses.TOO_LARGE, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "415", description = ApiResponses.UNSUPPORTED, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "503", description = ApiResponses.BUSY, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "422", description = ApiResponses.KEY_REUSED, content = @Content(mediaType = PROBLEM))
    public Response patch(@Parameter(description = "the member's id") @PathParam("memberId") String memberId,
            @Parameter(description = ApiResponses.IDEMPOTENCY_KEY) @HeaderParam(IdempotentRequest.KEY_HEADER) String idempotencyKey,
            String body) {
        ProfilePatch patch = RequestBodies.requireValid(validator, MergePatchReader.read(body));
        requireWellFormed(memberId);
        Caller caller = Caller.of(security);
        caller.requireActingFor(memberId);
        ProfileChange change = new ProfileChange(Optional.ofNullable(patch.email()).map(EmailAddress::of),
                Optional.ofNullable(patch.displayName()));
        IdempotentRequest request = IdempotentRequest.of(idempotencyKey, caller.idempotencyScope(), "PATCH members/" + memberId,
                Arrays.asList(patch.email(), patch.displayName())); // what it asks, as stored (left out: null)
        return idempotent.handle(request, () -> Answer.of(Response.ok(MemberView.of(MemberProblems.translated(() -> editing.update(memberId, change))))
                .build()));
    }

    @GET
    @Path("{memberId}/points-awards")
    @RolesAllowed({CUSTOMER, ADMIN})
    @Operation(summary = "List a member's point awards", description = "One per paid order, oldest first.")
    @APIResponse(responseCode = "200", description = "One page of awards: orderId, points, at",
            content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @APIResponse(responseCode = "400", description = ApiResponses.BAD_REQUEST, content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "403", description = "A customer asking for another member", content = @Content(mediaType = PROBLEM))
    @APIResponse(responseCode = "404", description = ApiResponses.NOT_FOUND, content = @Content(mediaType = PROBLEM))
    public Page<PointsAwardView> awards(
            @Parameter(description = "the member's id") @PathParam("memberId") String memberId,
            @Parameter(description = "page number from 0", schema = @Schema(defaultValue = "0", minimum = "0")) @QueryParam("page") String page,
            @Parameter(description = "items per page, 1 to 100", schema = @Schema(defaultValue = "20", minimum = "1", maximum = "100")) @QueryParam("size") String size) {
        Caller.of(security).requireActingFor(memberId);
        PageRequest request = PageRequest.parse(page, size);
        Member member = existing(memberId);
        return Page.of(members.awards(member.getId(), request).stream().map(PointsAwardView::of).toList(), request,
                members.countAwards(member.getId()));
    }

    private Member existing(String memberId) {
        return members.find(memberId).orElseThrow(() -> MemberProblems.unknownMember(memberId));
    }

    private static void requireWellFormed(String memberId) {
        if (!MemberIds.isWellFormed(memberId)) {
            throw MemberProblems.unknownMember(memberId);
        }
    }
}
