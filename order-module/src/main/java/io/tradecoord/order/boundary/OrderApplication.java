package io.tradecoord.order.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The order module's REST API, under {@code /order/api}. */
@ApplicationPath("api")
public class OrderApplication extends Application {
}
