package io.tradecoord.member.control;

import java.util.Optional;

/**
 * A partial profile update, already validated: an empty optional leaves the field as it is.
 *
 * @param email       new address (normalized)
 * @param displayName new display name
 */
public record ProfileChange(Optional<EmailAddress> email, Optional<String> displayName) {

    public ProfileChange {
        email = email == null ? Optional.empty() : email;
        displayName = displayName == null ? Optional.empty() : displayName;
    }
}
