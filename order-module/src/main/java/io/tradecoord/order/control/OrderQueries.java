package io.tradecoord.order.control;

import io.tradecoord.coordination.http.Page;
import io.tradecoord.coordination.http.PageRequest;
import io.tradecoord.order.entity.OrderStatus;
import io.tradecoord.order.entity.PurchaseOrder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Reads orders; each method is one transaction, so the views are complete when they leave it. */
@ApplicationScoped
public class OrderQueries {

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @Transactional
    public Optional<OrderView> find(String orderId) {
        return Optional.ofNullable(em.find(PurchaseOrder.class, orderId)).map(OrderView::of);
    }

    /** A member's orders, newest first, optionally only those in {@code status}. */
    @Transactional
    public Page<OrderView> list(String memberId, Optional<OrderStatus> status, PageRequest page) {
        String where = " WHERE o.memberId = :member" + (status.isPresent() ? " AND o.status = :status" : "");
        TypedQuery<PurchaseOrder> items = em.createQuery("SELECT o FROM PurchaseOrder o" + where + " ORDER BY o.placedAt DESC, o.id DESC",
                PurchaseOrder.class);
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(o) FROM PurchaseOrder o" + where, Long.class);
        items.setParameter("member", memberId);
        count.setParameter("member", memberId);
        status.ifPresent(s -> {
            items.setParameter("status", s);
            count.setParameter("status", s);
        });
        List<OrderView> views = items.setFirstResult(page.offset()).setMaxResults(page.size()).getResultList().stream()
                .map(OrderView::of).toList();
        return Page.of(views, page, count.getSingleResult());
    }

    /** The deadlines an order obeys: the status it ends from automatically, and the field that says when. */
    public enum Deadline {
        /** PENDING until {@code confirmBy}: the inventory's answer is late. */
        PLACEMENT(OrderStatus.PENDING, "confirmBy"),
        /** CONFIRMED until {@code payBy}: not paid in time. */
        PAYMENT(OrderStatus.CONFIRMED, "payBy");

        final OrderStatus status;
        final String field;

        Deadline(OrderStatus status, String field) {
            this.status = status;
            this.field = field;
        }
    }

    /**
     * Orders still in the deadline's status whose deadline is before {@code now}, the most overdue first, starting
     * after {@code after} (keyset paging: a page does not move when orders of earlier pages change meanwhile).
     */
    @Transactional
    public List<Overdue> overdue(Deadline deadline, Instant now, Optional<Overdue> after, int limit) {
        String at = "o." + deadline.field;
        String afterClause = after.isPresent() ? " AND (" + at + " > :afterAt OR (" + at + " = :afterAt AND o.id > :afterId))" : "";
        TypedQuery<Object[]> query = em.createQuery("SELECT o.id, " + at + " FROM PurchaseOrder o WHERE o.status = :status AND " + at + " < :now"
                        + afterClause + " ORDER BY " + at + ", o.id", Object[].class)
                .setParameter("status", deadline.status)
                .setParameter("now", now.atOffset(ZoneOffset.UTC));
        after.ifPresent(position -> query.setParameter("afterAt", position.deadline().atOffset(ZoneOffset.UTC))
                .setParameter("afterId", position.orderId()));
        return query.setMaxResults(limit).getResultList().stream()
                .map(row -> new Overdue((String) row[0], ((OffsetDateTime) row[1]).toInstant()))
                .toList();
    }

    /** An overdue order: its id and deadline, which together are its place in the scan's order. */
    public record Overdue(String orderId, Instant deadline) {
    }
}
