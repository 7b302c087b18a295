package io.tradecoord.member.control;

/** Another member is registered with this e-mail address. */
public class EmailTakenException extends RuntimeException {

    private final EmailAddress email;

    public EmailTakenException(EmailAddress email) {
        super("another member is registered with " + email);
        this.email = email;
    }

    public EmailAddress email() {
        return email;
    }
}
