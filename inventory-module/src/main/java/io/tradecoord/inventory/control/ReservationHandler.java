package io.tradecoord.inventory.control;

import io.tradecoord.coordination.bus.Incoming;
import io.tradecoord.coordination.lock.LockSet;
import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.inventory.entity.InventoryRejected;
import io.tradecoord.inventory.entity.InventoryRejected.ShortLine;
import io.tradecoord.inventory.entity.InventoryReserved;
import io.tradecoord.inventory.entity.Reservation;
import io.tradecoord.inventory.entity.ReservationLine;
import io.tradecoord.inventory.entity.ReservationStatus;
import io.tradecoord.inventory.entity.Sku;
import io.tradecoord.inventory.entity.StockChange;
import io.tradecoord.inventory.entity.incoming.OrderCancelled;
import io.tradecoord.inventory.entity.incoming.OrderPaid;
import io.tradecoord.inventory.entity.incoming.OrderPlaced;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The inventory's side of an order: reserve on {@code order.placed} (all lines or none), release on
 * {@code order.cancelled}, sell on {@code order.paid}. Each observer runs inside the bus's delivery transaction,
 * together with the inbox record, so a change and the events it fires commit or roll back as one.
 * <p>
 * The reservation row is the memory of what was done for an order: a second delivery of an event finds it and
 * changes nothing. Events of different topics may arrive in any order, so a cancel that comes first leaves a
 * tombstone ({@link ReservationStatus#CANCELLED_BEFORE_PLACED}) that makes the later placement reserve nothing.
 */
@ApplicationScoped
public class ReservationHandler {

    private static final System.Logger LOG = System.getLogger(ReservationHandler.class.getName());

    /** The reason of the rejection a placement gets when its order was cancelled first (the order module knows it). */
    public static final String ORDER_CANCELLED = "order was cancelled";

    @PersistenceContext(unitName = "inventory")
    EntityManager em;

    @Inject
    StockLocks locks;

    @Inject
    StockLedger ledger;

    @Inject
    Event<InventoryReserved> reserved;

    @Inject
    Event<InventoryRejected> rejected;

    void onPlaced(@Observes @Incoming OrderPlaced order) {
        Instant now = Clock.now();
        String orderId = requireOrderId(order.orderId());
        locks.holdReservation(orderId);
        Demand demand = Demand.of(order.lines());
        Reservation existing = em.find(Reservation.class, orderId);
        if (existing != null) {
            placedAgain(existing, demand, now);
            return;
        }
        if (!demand.isValid()) {
            reject(orderId, demand.lines(Map.of()), demand.problem(), List.of(), now);
            return;
        }
        LockSet skuLocks = locks.holdSkus(demand.possibleCodes());
        Map<String, Sku> found = lockRows(demand.possibleCodes());
        List<ReservationLine> lines = demand.lines(found);
        List<ShortLine> shortLines = demand.shortLines(found);
        if (!shortLines.isEmpty()) {
            reject(orderId, lines, Demand.describe(shortLines), shortLines, now);
            return;
        }
        demand.quantities().forEach((code, quantity) -> {
            Sku sku = FencedWrites.update(em, Sku.class, code, skuLocks.fencingToken(StockLocks.skuKey(code)),
                    row -> row.reserve(quantity, now));
            ledger.record(sku, StockChange.RESERVED, quantity, orderId, null, now);
        });
        em.persist(Reservation.reserved(orderId, lines, now));
        reserved.fire(new InventoryReserved(orderId, lines.stream()
                .map(line -> new InventoryReserved.Line(line.getSku(), line.getQuantity(), line.getUnitPrice()))
                .toList()));
        LOG.log(Level.DEBUG, () -> "reserved " + demand.quantities() + " for order " + orderId);
    }

    void onCancelled(@Observes @Incoming OrderCancelled cancel) {
        Instant now = Clock.now();
        String orderId = requireOrderId(cancel.orderId());
        locks.holdReservation(orderId);
        Reservation reservation = em.find(Reservation.class, orderId);
        if (reservation == null) {
            em.persist(Reservation.cancelledBeforePlaced(orderId, "order was cancelled before it was placed"
                    + (cancel.reason() == null ? "" : ": " + cancel.reason()), now));
            LOG.log(Level.DEBUG, () -> "order " + orderId + " cancelled before its placement arrived: tombstone kept");
            return;
        }
        if (reservation.getStatus() != ReservationStatus.RESERVED) {
            LOG.log(Level.DEBUG, () -> "order " + orderId + " cancelled; its reservation is " + reservation.getStatus() + ", nothing to release");
            return;
        }
        changeEachLine(reservation, StockChange.RELEASED, (sku, line) -> sku.release(line.getQuantity(), now), now);
        reservation.release(ORDER_CANCELLED + (cancel.reason() == null ? "" : ": " + cancel.reason()), now);
    }

    void onPaid(@Observes @Incoming OrderPaid payment) {
        Instant now = Clock.now();
        String orderId = requireOrderId(payment.orderId());
        locks.holdReservation(orderId);
        Reservation reservation = em.find(Reservation.class, orderId);
        if (reservation == null || reservation.getStatus() != ReservationStatus.RESERVED) {
            // the order module only takes payments of confirmed orders: anything else is a duplicate or a stray event
            LOG.log(Level.INFO, () -> "order " + orderId + " paid, but its reservation is "
                    + (reservation == null ? "missing" : reservation.getStatus()) + ": nothing to sell");
            return;
        }
        changeEachLine(reservation, StockChange.SOLD, (sku, line) -> sku.sell(line.getQuantity(), now), now);
        reservation.sell(now);
    }

    /** A placement of an order the inventory has seen before. */
    private void placedAgain(Reservation existing, Demand demand, Instant now) {
        String orderId = existing.getOrderId();
        if (existing.getStatus() == ReservationStatus.CANCELLED_BEFORE_PLACED && !existing.isPlacedReceived()) {
            existing.placedAfterCancel(demand.lines(Map.of()), now);
            rejected.fire(new InventoryRejected(orderId, ORDER_CANCELLED, List.of()));
            LOG.log(Level.DEBUG, () -> "order " + orderId + " placed after its cancel: nothing reserved");
        } else {
            LOG.log(Level.DEBUG, () -> "order " + orderId + " placed again; its reservation is " + existing.getStatus() + ": ignored");
        }
    }

    private void reject(String orderId, List<ReservationLine> lines, String reason, List<ShortLine> shortLines, Instant now) {
        Reservation reservation = Reservation.rejected(orderId, lines, reason, now);
        em.persist(reservation);
        rejected.fire(new InventoryRejected(orderId, reservation.getReason(), shortLines));
        LOG.log(Level.DEBUG, () -> "rejected order " + orderId + ": " + reason);
    }

    /** Locks the rows of the SKUs that exist, in code order; returns them by code. */
    private Map<String, Sku> lockRows(List<String> codes) {
        Map<String, Sku> found = new LinkedHashMap<>();
        for (String code : codes) {
            Sku sku = FencedWrites.readLocked(em, Sku.class, code);
            if (sku != null) {
                found.put(code, sku);
            }
        }
        return found;
    }

    /** Applies {@code change} to the SKU of every line of a reservation, under the SKUs' locks, fenced, with its ledger trace. */
    private void changeEachLine(Reservation reservation, StockChange kind, BiConsumer<Sku, ReservationLine> change, Instant now) {
        List<ReservationLine> lines = reservation.getLines();
        LockSet skuLocks = locks.holdSkus(lines.stream().map(ReservationLine::getSku).toList());
        for (ReservationLine line : lines) {
            Sku sku = FencedWrites.update(em, Sku.class, line.getSku(), skuLocks.fencingToken(StockLocks.skuKey(line.getSku())),
                    row -> change.accept(row, line));
            ledger.record(sku, kind, line.getQuantity(), reservation.getOrderId(), null, now);
        }
    }

    /** An event without a usable order id cannot be applied; failing sends it to the dead letters, where operators see it. */
    private static String requireOrderId(String orderId) {
        if (orderId == null || orderId.isBlank() || orderId.length() > Reservation.MAX_ORDER_ID) {
            throw new IllegalArgumentException("an order event needs an order id of 1 to " + Reservation.MAX_ORDER_ID
                    + " characters, got " + orderId);
        }
        return orderId;
    }
}
