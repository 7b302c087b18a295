package io.tradecoord.member.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The member module's REST API, under {@code /member/api}. */
@ApplicationPath("api")
public class MemberApplication extends Application {
}
