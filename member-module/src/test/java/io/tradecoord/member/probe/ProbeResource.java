package io.tradecoord.member.probe;

import io.tradecoord.coordination.bus.DeadLetters;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Test-only endpoints under /member/api/probe: pay an order, see what the bus delivered. */
// test-only: open to any caller (RoleCheck refuses a resource that declares no roles)
@PermitAll
@Path("probe")
@Produces(MediaType.APPLICATION_JSON)
public class ProbeResource {

    @Inject
    PaymentSimulator payments;

    @Inject
    DeadLetters deadLetters;

    @Resource(lookup = "java:comp/DefaultDataSource")
    DataSource dataSource;

    @POST
    @Path("order-paid")
    public Response orderPaid(@QueryParam("orderId") String orderId, @QueryParam("memberId") String memberId,
                              @QueryParam("total") String total) {
        payments.pay(orderId, memberId, new BigDecimal(total));
        return Response.accepted().build();
    }

    /** The events of the member module received for {@code memberId}, in arrival order. */
    @GET
    @Path("events")
    public String events(@QueryParam("memberId") String memberId) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        ObservedEvents.SEEN.stream().filter(seen -> seen.memberId().equals(memberId))
                .forEach(seen -> array.add(Json.createObjectBuilder().add("topic", seen.topic()).add("fields", seen.fields())));
        return array.build().toString();
    }

    /** How many deliveries of {@code topic} the module has applied (its inbox rows). */
    @GET
    @Path("applied")
    public String applied(@QueryParam("topic") String topic) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM coordination_inbox WHERE topic = ?")) {
            count.setString(1, topic);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return "{\"count\":" + rs.getLong(1) + "}";
            }
        }
    }

    @GET
    @Path("dead-letters")
    public String deadLetters() {
        JsonArrayBuilder array = Json.createArrayBuilder();
        deadLetters.list(100, false).forEach(letter -> array.add(Json.createObjectBuilder()
                .add("topic", letter.envelope().topic()).add("error", letter.error())));
        return array.build().toString();
    }
}
