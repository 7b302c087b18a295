package io.tradecoord.member.boundary;

import io.tradecoord.member.entity.Member;
import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code POST /members}. Surrounding whitespace is dropped and the address lower-cased before validation.
 * <p>
 * A class with constrained fields rather than a record: a record's constraints also land on its constructor's
 * parameters, and Payara's OpenAPI generator takes any constrained parameter for a {@code @PathParam} and fails the
 * whole document (NullPointerException in {@code ApplicationProcessor.addSchemaParameter}).
 */
@Schema(description = "A new member")
public final class Registration {

    @Schema(required = true, maxLength = Member.MAX_EMAIL_LENGTH, example = "ada@example.com", description = "unique, case-insensitively; kept lower-cased, and the limit applies to the lower-cased address")
    @NotNull
    @Size(max = Member.MAX_EMAIL_LENGTH)
    @Email
    @Pattern(regexp = EmailRules.SHAPE, message = EmailRules.SHAPE_MESSAGE)
    private final String email;

    @Schema(required = true, minLength = 1, maxLength = Member.MAX_DISPLAY_NAME_LENGTH, example = "Ada")
    @NotNull
    @Size(min = 1, max = Member.MAX_DISPLAY_NAME_LENGTH)
    private final String displayName;

    @JsonbCreator
    public Registration(@JsonbProperty("email") String email, @JsonbProperty("displayName") String displayName) {
        this.email = EmailRules.normalized(email); // validated as stored
        this.displayName = displayName == null ? null : displayName.strip();
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }
}
