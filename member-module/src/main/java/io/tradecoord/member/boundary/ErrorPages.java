package io.tradecoord.member.boundary;

import jakarta.servlet.annotation.WebFilter;

/** The container's own error answers under this module's context root (unknown paths, refused methods) as problem+json. */
@WebFilter("/*")
public class ErrorPages extends io.tradecoord.coordination.http.ErrorPages {
}
