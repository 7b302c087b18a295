package io.tradecoord.member.boundary;

import io.tradecoord.member.entity.PointsAward;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The points one paid order earned, and when. */
@Schema(description = "Points awarded for one paid order")
public record PointsAwardView(String orderId, long points, Instant at) {

    static PointsAwardView of(PointsAward award) {
        return new PointsAwardView(award.getOrderId(), award.getPoints(), award.getAwardedAt());
    }
}
