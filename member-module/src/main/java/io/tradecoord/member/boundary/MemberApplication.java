package io.tradecoord.member.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The member module's REST API, under {@code /member/api}. */
@ApplicationPath("api")
@OpenAPIDefinition(info = @Info(title = "tradecoord member module", version = "1",
        description = "Members, loyalty points and levels. Errors are application/problem+json (RFC 9457)."))
public class MemberApplication extends Application {
}
