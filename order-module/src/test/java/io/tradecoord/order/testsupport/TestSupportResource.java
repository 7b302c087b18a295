package io.tradecoord.order.testsupport;

import io.tradecoord.coordination.lock.fencing.FencedWrites;
import io.tradecoord.order.entity.OrderLine;
import io.tradecoord.order.entity.PurchaseOrder;
import io.tradecoord.order.entity.incoming.InventoryRejected;
import io.tradecoord.order.entity.incoming.InventoryReserved;
import io.tradecoord.order.entity.incoming.MemberRegistered;
import io.tradecoord.order.entity.incoming.MemberUpdated;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test only, under {@code /order/api/test-support}: drive the inventory's answers and look at what the module did. */
// test-only: open to any caller (RoleCheck refuses a resource that declares no roles)
@PermitAll
@Path("test-support")
@RequestScoped
public class TestSupportResource {

    @Inject
    InventorySimulator inventory;

    @PersistenceContext(unitName = "order")
    EntityManager em;

    @POST
    @Path("inventory-reserved")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response reserved(InventoryReserved answer) {
        inventory.reserved(answer);
        return Response.noContent().build();
    }

    @POST
    @Path("inventory-rejected")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rejected(InventoryRejected answer) {
        inventory.rejected(answer);
        return Response.noContent().build();
    }

    @POST
    @Path("member-registered")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response registered(MemberRegistered member) {
        inventory.registered(member);
        return Response.noContent().build();
    }

    @POST
    @Path("member-updated")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response updated(MemberUpdated member) {
        inventory.updated(member);
        return Response.noContent().build();
    }

    /** The events the recorder received for one order (all topics, or one), in arrival order. */
    @GET
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public String events(@QueryParam("orderId") String orderId, @QueryParam("topic") String topic) {
        JsonArrayBuilder events = Json.createArrayBuilder();
        EventRecorder.all().stream()
                .filter(e -> orderId == null || orderId.equals(e.orderId()))
                .filter(e -> topic == null || topic.equals(e.topic()))
                .forEach(e -> events.add(Json.createObjectBuilder().add("topic", e.topic())
                        .add("payload", Json.createReader(new StringReader(e.json())).readObject())));
        return events.build().toString();
    }

    /**
     * Stores {@code count} CONFIRMED orders, overdue for a minute, whose rows carry a fencing token newer than any
     * this lock backend grants (as rows written before the lock backend was replaced): no cancel can ever write
     * them. Returns their ids.
     */
    @POST
    @Path("unwritable-overdue-orders")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public String unwritableOverdueOrders(@QueryParam("count") int count) {
        Instant placedAt = Instant.now().minus(Duration.ofMinutes(2));
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (int i = 0; i < count; i++) {
            String id = UUID.randomUUID().toString();
            PurchaseOrder order = PurchaseOrder.place(id, "unwritable-member", List.of(new OrderLine("SKU-UNWRITABLE", 1, null)),
                    placedAt, placedAt.plus(Duration.ofMinutes(5)));
            order.confirm(Map.of("SKU-UNWRITABLE", BigDecimal.ONE), placedAt.plus(Duration.ofMinutes(1)), placedAt);
            FencedWrites.persist(em, order, Long.MAX_VALUE / 2);
            ids.add(id);
        }
        return ids.build().toString();
    }

    /**
     * Whether anything is left to do: rows in the orders table, and events not yet delivered by the in-JVM bus; and the
     * names the bus knows this module by (outbox rows, subscriptions).
     */
    @GET
    @Path("counts")
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public String counts() {
        Number orders = (Number) em.createNativeQuery("SELECT COUNT(*) FROM order_purchase").getSingleResult();
        Number lines = (Number) em.createNativeQuery("SELECT COUNT(*) FROM order_line").getSingleResult();
        Number history = (Number) em.createNativeQuery("SELECT COUNT(*) FROM order_status_change").getSingleResult();
        Number batches = (Number) em.createNativeQuery("SELECT COUNT(*) FROM order_batch").getSingleResult();
        Number batchItems = (Number) em.createNativeQuery("SELECT COUNT(*) FROM order_batch_item").getSingleResult();
        Number unsent = (Number) em.createNativeQuery("SELECT COUNT(*) FROM coordination_outbox WHERE sent_at IS NULL").getSingleResult();
        JsonArrayBuilder busModules = Json.createArrayBuilder();
        for (Object module : em.createNativeQuery("SELECT source_module FROM coordination_outbox UNION SELECT module FROM coordination_subscription")
                .getResultList()) {
            busModules.add(String.valueOf(module));
        }
        return Json.createObjectBuilder().add("orders", orders.longValue()).add("lines", lines.longValue())
                .add("history", history.longValue()).add("batches", batches.longValue()).add("batchItems", batchItems.longValue())
                .add("unsentEvents", unsent.longValue()).add("busModules", busModules).build().toString();
    }
}
