package io.tradecoord.ear.flowprobe;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * {@code POST /flow-recorder/api/duplicates/order-paid?orderId&memberId&total&times}: publishes the same business
 * event again, as a second producer or a replay would (each copy is a new message), to show a consumer applies it once.
 */
@Path("duplicates")
@RequestScoped
public class DuplicateResource {

    @Inject
    Event<Events.OrderPaid> paid;

    @POST
    @Path("order-paid")
    @Transactional
    public void orderPaid(@QueryParam("orderId") String orderId, @QueryParam("memberId") String memberId,
                          @QueryParam("total") BigDecimal total, @QueryParam("times") int times) {
        for (int i = 0; i < times; i++) {
            paid.fire(new Events.OrderPaid(orderId, memberId, total, Instant.now()));
        }
    }
}
