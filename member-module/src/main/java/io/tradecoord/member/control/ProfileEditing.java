package io.tradecoord.member.control;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.coordination.lock.TransactionLocks;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.member.entity.Member;
import io.tradecoord.member.entity.MemberUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Instant;

/** Partial updates of a member's profile. */
@ApplicationScoped
public class ProfileEditing {

    @PersistenceContext(unitName = "member")
    EntityManager em;

    @Inject
    DistributedLocks locks;

    @Inject
    Members members;

    @Inject
    Event<MemberUpdated> updated;

    /**
     * Applies {@code change} under the member's lock with its fencing token and publishes {@code member.updated};
     * a change that changes nothing writes nothing and publishes nothing.
     *
     * @param memberId a well-formed member id (the boundary answers 404 for anything else)
     * @throws UnknownMemberException for an unknown member
     * @throws EmailTakenException    if another member has the new address
     */
    @Locked(key = "member:{memberId}", waitMillis = 10_000)
    @Transactional
    public Member update(@LockKey("memberId") String memberId, ProfileChange change) {
        Member current = members.find(memberId).orElseThrow(() -> new UnknownMemberException(memberId));
        var newEmail = change.email().filter(email -> !email.value().equals(current.getEmail()));
        var newDisplayName = change.displayName().filter(name -> !name.equals(current.getDisplayName()));
        if (newEmail.isEmpty() && newDisplayName.isEmpty()) {
            return current;
        }
        long fencingToken = TransactionLocks.current().fencingToken();
        if (newEmail.isPresent()) {
            EmailAddress email = newEmail.get();
            // the same lock a registration of this address takes: one of the two gets it
            TransactionLocks.holdUntilTransactionEnds(locks.acquire(email.lockKey(), MemberRegistration.LOCK_WAIT));
            if (members.findByEmail(email).isPresent()) {
                throw new EmailTakenException(email);
            }
        }
        Instant now = Clock.now();
        Member member = FencedWrites.update(em, Member.class, memberId, fencingToken, m -> {
            newEmail.ifPresent(email -> m.changeEmail(email.value(), now));
            newDisplayName.ifPresent(name -> m.changeDisplayName(name, now));
        });
        newEmail.ifPresent(email -> UniqueViolations.flushOrConflict(em, () -> new EmailTakenException(email)));
        updated.fire(MemberUpdated.of(member));
        return member;
    }
}
