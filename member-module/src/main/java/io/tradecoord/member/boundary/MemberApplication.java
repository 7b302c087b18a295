package io.tradecoord.member.boundary;

import io.tradecoord.coordination.http.Caller;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/**
 * The member module's REST API, under {@code /member/api}.
 * Callers authenticate with a MicroProfile JWT bearer token ({@link Caller}; docs/api.md "Who may call what").
 * {@code @ApplicationScoped} makes it a CDI bean, which Payara's JWT extension needs to see {@code @LoginConfig} (the
 * archive has no beans.xml); {@code @DeclareRoles} names the roles here, as Payara maps only the roles a module declares.
 */
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles({Caller.CUSTOMER, Caller.ADMIN, Caller.OPERATOR})
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "tradecoord member module", version = "1",
        description = "Members, loyalty points and levels. Errors are application/problem+json (RFC 9457)."))
public class MemberApplication extends Application {
}
