package io.tradecoord.member.control;

import io.tradecoord.coordination.lock.DistributedLocks;
import io.tradecoord.coordination.lock.LockHandle;
import io.tradecoord.coordination.lock.TransactionLocks;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.member.entity.Member;
import io.tradecoord.member.entity.MemberRegistered;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Duration;

/** Registers members: one member per e-mail address, however many registrations of it run at once. */
@ApplicationScoped
public class MemberRegistration {

    static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    @PersistenceContext(unitName = "member")
    EntityManager em;

    @Inject
    DistributedLocks locks;

    @Inject
    Members members;

    @Inject
    Event<MemberRegistered> registered;

    /**
     * Registers a member and publishes {@code member.registered}.
     * <p>
     * Not {@code @Locked}: the address lock's key is computed ({@link EmailAddress#lockKey()}), and the new member's
     * own lock can only be named once its id exists. Both are held until the transaction ended, so a registration
     * waiting for the same address finds this one committed.
     *
     * @throws EmailTakenException if the address is registered already
     */
    @Transactional
    public Member register(EmailAddress email, String displayName) {
        TransactionLocks.holdUntilTransactionEnds(locks.acquire(email.lockKey(), LOCK_WAIT));
        if (members.findByEmail(email).isPresent()) {
            throw new EmailTakenException(email);
        }
        String memberId = MemberIds.next();
        // the row starts with a token of member:<id>, the key every later change of it is fenced by
        LockHandle memberLock = TransactionLocks.holdUntilTransactionEnds(locks.acquire(MemberIds.lockKey(memberId), LOCK_WAIT));
        Member member = FencedWrites.persist(em, new Member(memberId, email.value(), displayName, Clock.now()), memberLock.fencingToken());
        UniqueViolations.flushOrConflict(em, () -> new EmailTakenException(email));
        registered.fire(MemberRegistered.of(member));
        return member;
    }
}
