package io.tradecoord.inventory.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The inventory module's REST API, under {@code /inventory/api}. */
@ApplicationPath("api")
public class InventoryApplication extends Application {
}
