package io.tradecoord.inventory.probe;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only HTTP face of the probe, added to the micro WAR by the integration test:
 * {@code POST test-probe/orders/{id}/placed?line=SKU:QTY&line=...}, {@code .../cancelled}, {@code .../paid};
 * {@code GET test-probe/events} (the inventory events received, as a JSON array) and
 * {@code GET test-probe/applied/{topic}/{id}} (deliveries of an order event applied).
 */
// test-only: open to any caller (RoleCheck refuses a resource that declares no roles)
@PermitAll
@Path("test-probe")
public class ProbeResource {

    @Inject
    ProbeOrders orders;

    @POST
    @Path("orders/{orderId}/placed")
    public Response placed(@PathParam("orderId") String orderId, @QueryParam("line") List<String> lines) {
        orders.place(orderId, lines.stream().map(ProbeResource::line).toList());
        return Response.accepted().build();
    }

    @POST
    @Path("orders/{orderId}/cancelled")
    public Response cancelled(@PathParam("orderId") String orderId, @QueryParam("automatic") boolean automatic) {
        orders.cancel(orderId, automatic);
        return Response.accepted().build();
    }

    @POST
    @Path("orders/{orderId}/paid")
    public Response paid(@PathParam("orderId") String orderId) {
        orders.pay(orderId);
        return Response.accepted().build();
    }

    @GET
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public String events() {
        return "[" + String.join(",", ProbeRecorder.INVENTORY_EVENTS) + "]";
    }

    @GET
    @Path("applied/{topic}/{orderId}")
    @Produces(MediaType.TEXT_PLAIN)
    public String applied(@PathParam("topic") String topic, @PathParam("orderId") String orderId) {
        AtomicInteger count = ProbeRecorder.APPLIED.get(topic + "/" + orderId);
        return String.valueOf(count == null ? 0 : count.get());
    }

    private static ProbeOrderEvents.Line line(String text) {
        int colon = text.lastIndexOf(':');
        return new ProbeOrderEvents.Line(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}
