package io.tradecoord.member.boundary;

import io.tradecoord.member.entity.Level;
import io.tradecoord.member.entity.Member;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A member as the API shows it. */
@Schema(description = "A member with points and loyalty level")
public record MemberView(String memberId, String email, String displayName, long points, Level level,
                         Instant registeredAt, Instant updatedAt) {

    static MemberView of(Member member) {
        return new MemberView(member.getId(), member.getEmail(), member.getDisplayName(), member.getPoints(),
                member.getLevel(), member.getRegisteredAt(), member.getUpdatedAt());
    }
}
