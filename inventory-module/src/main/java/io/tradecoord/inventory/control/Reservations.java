package io.tradecoord.inventory.control;

import io.tradecoord.inventory.entity.Reservation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Optional;

/** Reads what the inventory did for an order. */
@ApplicationScoped
public class Reservations {

    @PersistenceContext(unitName = "inventory")
    EntityManager em;

    @Transactional
    public Optional<Reservation> of(String orderId) {
        if (orderId == null || orderId.isEmpty() || orderId.length() > Reservation.MAX_ORDER_ID) {
            return Optional.empty();
        }
        return Optional.ofNullable(em.find(Reservation.class, orderId));
    }
}
