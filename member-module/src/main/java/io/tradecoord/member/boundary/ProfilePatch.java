package io.tradecoord.member.boundary;

import io.tradecoord.member.entity.Member;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of {@code PATCH /members/{id}} (JSON merge patch): a field left out stays as it is (null here); null in the
 * body is refused by {@link MergePatchReader}, which tells the two apart. Surrounding whitespace is dropped and the
 * address lower-cased before validation. A class, not a record, for the reason given on {@link Registration}.
 */
@Schema(description = "Fields to change; leave a field out to keep it")
public final class ProfilePatch {

    @Schema(maxLength = Member.MAX_EMAIL_LENGTH, example = "ada@example.org",
            description = "kept lower-cased, and the limit applies to the lower-cased address")
    @Size(max = Member.MAX_EMAIL_LENGTH)
    @Email
    @Pattern(regexp = EmailRules.SHAPE, message = EmailRules.SHAPE_MESSAGE)
    private final String email;

    @Schema(minLength = 1, maxLength = Member.MAX_DISPLAY_NAME_LENGTH, example = "Ada L.")
    @Size(min = 1, max = Member.MAX_DISPLAY_NAME_LENGTH)
    private final String displayName;

    ProfilePatch(String email, String displayName) {
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
