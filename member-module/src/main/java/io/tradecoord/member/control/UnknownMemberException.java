package io.tradecoord.member.control;

/** No member has this id. */
public class UnknownMemberException extends RuntimeException {

    private final String memberId;

    public UnknownMemberException(String memberId) {
        super("there is no member " + memberId);
        this.memberId = memberId;
    }

    public String memberId() {
        return memberId;
    }
}
