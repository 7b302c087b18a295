package io.tradecoord.member.control;

import io.tradecoord.coordination.http.ProblemException;

/** The problems the member module answers with, worded once. */
public final class MemberProblems {

    private MemberProblems() {
    }

    public static ProblemException unknownMember(String memberId) {
        return ProblemException.notFound("Unknown member", "there is no member " + memberId).with("memberId", memberId);
    }

    public static ProblemException emailTaken(EmailAddress email) {
        return ProblemException.conflict("Email already registered", "another member is registered with " + email)
                .with("email", email.value());
    }
}
