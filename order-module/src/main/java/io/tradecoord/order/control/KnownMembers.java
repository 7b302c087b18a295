package io.tradecoord.order.control;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.lock.LockKey;
import io.tradecoord.coordination.lock.Locked;
import io.tradecoord.order.entity.KnownMember;
import io.tradecoord.order.entity.incoming.MemberRegistered;
import io.tradecoord.order.entity.incoming.MemberUpdated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The members this module knows, learnt from member.registered and member.updated (it never calls the member
 * module). The view is eventually consistent: a member becomes known when its event arrives, usually within
 * moments of its registration; an order placed before that is rejected as for an unknown member.
 */
@ApplicationScoped
public class KnownMembers {

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Inject
    KnownMembers self;

    void onRegistered(@Observes @Incoming MemberRegistered event) {
        self.learn(event.memberId());
    }

    void onUpdated(@Observes @Incoming MemberUpdated event) {
        self.learn(event.memberId()); // an update can arrive first: the topics are delivered independently
    }

    /** Records the member (idempotent); the lock keeps a registration and an update of it from both inserting. */
    @Locked(key = "known-member:{memberId}")
    @Transactional
    public void learn(@LockKey("memberId") String memberId) {
        if (memberId == null || memberId.isBlank()) {
            throw new IllegalArgumentException("a member event without memberId");
        }
        KnownMember known = em.find(KnownMember.class, memberId);
        if (known == null) {
            em.persist(new KnownMember(memberId, Clock.now()));
        } else {
            known.heardOfAgain(Clock.now());
        }
    }

    /** Must run in the caller's transaction (placing reads it with the order). */
    public boolean isKnown(String memberId) {
        return em.find(KnownMember.class, memberId) != null;
    }

    @Transactional
    public Optional<KnownMemberView> find(String memberId) {
        return Optional.ofNullable(em.find(KnownMember.class, memberId))
                .map(m -> new KnownMemberView(m.getMemberId(), m.getKnownSince(), m.getLastEventAt()));
    }
}
