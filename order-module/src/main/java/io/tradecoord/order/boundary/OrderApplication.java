package io.tradecoord.order.boundary;

import io.tradecoord.coordination.http.Caller;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * The order module's REST API, under {@code /order/api}.
 * Callers authenticate with a MicroProfile JWT bearer token ({@link Caller}; docs/api.md "Who may call what").
 * {@code @ApplicationScoped} makes it a CDI bean, which Payara's JWT extension needs to see {@code @LoginConfig} (the
 * archive has no beans.xml); {@code @DeclareRoles} names the roles here, as Payara maps only the roles a module declares.
 */
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Caller.CUSTOMER, Caller.ADMIN, Caller.OPERATOR})
@ApplicationPath("api")
public class OrderApplication extends Application {
}
