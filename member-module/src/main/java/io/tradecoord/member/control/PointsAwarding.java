package io.tradecoord.member.control;

import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.TransactionLocks;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.member.entity.Level;
import io.tradecoord.member.entity.LoyaltyPoints;
import io.tradecoord.member.entity.Member;
import io.tradecoord.member.entity.MemberLevelChanged;
import io.tradecoord.member.entity.MemberUpdated;
import io.tradecoord.member.entity.PointsAward;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/** Awards loyalty points for paid orders, once per order. */
@ApplicationScoped
public class PointsAwarding {

    @PersistenceContext(unitName = "member")
    EntityManager em;

    @Inject
    Members members;

    @Inject
    Event<MemberUpdated> updated;

    @Inject
    Event<MemberLevelChanged> levelChanged;

    @Resource(lookup = "java:comp/TransactionSynchronizationRegistry")
    TransactionSynchronizationRegistry transactions;

    /**
     * Awards {@code floor(total)} points for the order, under the member's lock with its fencing token, and
     * publishes {@code member.updated} (and {@code member.level-changed} when the level moves). The award row, keyed
     * by the order id, is written in the same transaction: a second delivery of the order finds it and changes
     * nothing.
     * <p>
     * Runs in the transaction the bus began for the delivery of {@code order.paid} (with the inbox record), so it
     * is deliberately not {@code @Transactional}: on Payara that interceptor marks "UserTransaction not allowed" on
     * the component invocation, and the bus's delivery threads share one invocation (its contextual proxy), so a
     * concurrent delivery's {@code UserTransaction.begin/commit} failed with "Operation not allowed", leaving its
     * database transaction open. {@code @Locked} inside a running transaction holds the lock until it ends.
     *
     * @param memberId a well-formed member id
     * @param total    the order total, not negative
     * @throws IllegalStateException if no transaction is active
     */
    @Locked(key = "member:{memberId}", waitMillis = 10_000)
    public AwardOutcome award(@LockKey("memberId") String memberId, String orderId, BigDecimal total) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("points are awarded inside the transaction of an order.paid delivery");
        }
        if (members.find(memberId).isEmpty()) {
            return AwardOutcome.UNKNOWN_MEMBER;
        }
        if (members.hasAward(orderId)) {
            return AwardOutcome.ALREADY_AWARDED;
        }
        long points = LoyaltyPoints.forOrderTotal(total);
        Instant now = Clock.now();
        em.persist(new PointsAward(orderId, memberId, points, total.setScale(2, RoundingMode.HALF_UP), now));
        if (points == 0) {
            return AwardOutcome.AWARDED; // recorded, but the member does not change
        }
        Level[] previous = new Level[1];
        Member member = FencedWrites.update(em, Member.class, memberId, TransactionLocks.current().fencingToken(),
                m -> previous[0] = m.awardPoints(points, now));
        updated.fire(MemberUpdated.of(member));
        if (previous[0] != member.getLevel()) {
            levelChanged.fire(new MemberLevelChanged(memberId, previous[0], member.getLevel(), member.getPoints()));
        }
        return AwardOutcome.AWARDED;
    }
}
