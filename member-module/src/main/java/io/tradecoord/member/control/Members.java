package io.tradecoord.member.control;

import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.member.entity.Member;
import io.tradecoord.member.entity.PointsAward;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Reads of members and their awards (writes happen in the classes that hold the member's lock). */
@ApplicationScoped
public class Members {

    @PersistenceContext(unitName = "member")
    EntityManager em;

    public Members() {
    }

    /** For use outside a container (tests on a plain JPA provider). */
    public Members(EntityManager em) {
        this.em = em;
    }

    public Optional<Member> find(String memberId) {
        return MemberIds.isWellFormed(memberId) ? Optional.ofNullable(em.find(Member.class, memberId)) : Optional.empty();
    }

    public Optional<Member> findByEmail(EmailAddress email) {
        return em.createQuery("SELECT m FROM ShopMember m WHERE m.email = :email", Member.class)
                .setParameter("email", email.value())
                .getResultStream().findFirst();
    }

    /** Members in registration order (ties within a millisecond broken by id, so pages never overlap). */
    public List<Member> page(PageRequest page) {
        return em.createQuery("SELECT m FROM ShopMember m ORDER BY m.registeredAt, m.id", Member.class)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(m) FROM ShopMember m", Long.class).getSingleResult();
    }

    public boolean hasAward(String orderId) {
        return em.find(PointsAward.class, orderId) != null;
    }

    /** A member's awards, oldest first. */
    public List<PointsAward> awards(String memberId, PageRequest page) {
        return em.createQuery("SELECT a FROM PointsAward a WHERE a.memberId = :memberId ORDER BY a.awardedAt, a.orderId", PointsAward.class)
                .setParameter("memberId", memberId)
                .setFirstResult(page.offset())
                .setMaxResults(page.size())
                .getResultList();
    }

    public long countAwards(String memberId) {
        return em.createQuery("SELECT COUNT(a) FROM PointsAward a WHERE a.memberId = :memberId", Long.class)
                .setParameter("memberId", memberId)
                .getSingleResult();
    }
}
