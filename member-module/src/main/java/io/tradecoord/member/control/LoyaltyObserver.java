package io.tradecoord.member.control;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.member.entity.incoming.OrderPaid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;

/**
 * Turns {@code order.paid} into loyalty points. Runs in the bus's delivery transaction (with the inbox record), so
 * a redelivered message is dropped by the inbox and a second event for the same order by {@link PointsAwarding}.
 * An event that cannot earn points (unknown member, missing fields) is logged and dropped: retrying it would fail
 * the same way every time.
 */
@ApplicationScoped
public class LoyaltyObserver {

    private static final System.Logger LOG = System.getLogger(LoyaltyObserver.class.getName());

    @Inject
    PointsAwarding awarding;

    void onOrderPaid(@Observes @Incoming OrderPaid paid) {
        String defect = defectOf(paid);
        if (defect != null) {
            LOG.log(Level.WARNING, "order.paid ignored, {0}: {1}", defect, paid);
            return;
        }
        AwardOutcome outcome = MemberIds.isWellFormed(paid.memberId())
                ? awarding.award(paid.memberId(), paid.orderId(), paid.total())
                : AwardOutcome.UNKNOWN_MEMBER;
        switch (outcome) {
            case UNKNOWN_MEMBER -> LOG.log(Level.WARNING, "order.paid ignored, no member {0}: {1}", paid.memberId(), paid);
            case ALREADY_AWARDED -> LOG.log(Level.INFO, "order.paid ignored, order {0} has earned its points already", paid.orderId());
            case AWARDED -> LOG.log(Level.DEBUG, "points awarded for order {0}", paid.orderId());
        }
    }

    private static String defectOf(OrderPaid paid) {
        if (paid.orderId() == null || paid.orderId().isBlank() || paid.orderId().length() > 255) {
            return "no usable orderId";
        }
        if (paid.memberId() == null) {
            return "no memberId";
        }
        if (paid.total() == null || paid.total().signum() < 0) {
            return "no usable total";
        }
        return null;
    }
}
