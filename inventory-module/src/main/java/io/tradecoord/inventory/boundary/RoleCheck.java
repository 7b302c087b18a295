package io.tradecoord.inventory.boundary;

import jakarta.ws.rs.ext.Provider;

/** Who may call what in this module's API: the roles on each resource method, enforced (the shared feature, registered here). */
@Provider
public class RoleCheck extends io.tradecoord.coordination.http.RoleCheck {
}
