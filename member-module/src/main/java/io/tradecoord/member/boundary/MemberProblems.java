package io.tradecoord.member.boundary;

import io.tradecoord.coordination.http.ProblemException;
import io.tradecoord.member.control.EmailTakenException;
import io.tradecoord.member.control.UnknownMemberException;
import java.util.function.Supplier;

/** The member module's refusals as problems: what the client did wrong, in words, plus machine-readable members. */
final class MemberProblems {

    private MemberProblems() {
    }

    /** Runs a call into the control layer, turning its refusals into problems. */
    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnknownMemberException e) {
            throw unknownMember(e.memberId());
        } catch (EmailTakenException e) {
            throw ProblemException.conflict("Email already registered", e.getMessage()).with("email", e.email().value());
        }
    }

    static ProblemException unknownMember(String memberId) {
        return ProblemException.notFound("Unknown member", "there is no member " + memberId).with("memberId", memberId);
    }
}
