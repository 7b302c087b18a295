package io.tradecoord.coordination.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * Makes the servlet container's own error answers problem+json: a path under the module's context root that no
 * resource serves (the container's 404 page), a method the container refuses there (405), and any other
 * {@code sendError} in the module. The JAX-RS resources answer problem+json themselves ({@link ProblemMapping}); this
 * covers what never reaches them, so every answer under a module's context root has one format. Register with an
 * empty subclass: {@code @WebFilter("/*") public class ErrorPages extends io.tradecoord.coordination.http.ErrorPages {}}.
 */
public class ErrorPages implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException, ServletException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            chain.doFilter(request, new ProblemOnError(http, answer));
        } else {
            chain.doFilter(request, response);
        }
    }

    /** The problem for a status the container sends on its own. */
    static Problem problemFor(int status, String method, String path) {
        return switch (status) {
            case 400 -> new Problem(400, "Bad Request", "the server could not read this request");
            case 401 -> new Problem(401, "Unauthorized", "the bearer token was refused (signature, issuer or expiry); send a valid one: "
                    + "Authorization: Bearer <JWT>");
            case 403 -> RoleCheck.forbidden("the server refused this caller");
            case 404 -> new Problem(404, "Not Found", "nothing is served at " + path + "; the API is under its /api path");
            case 405 -> new Problem(405, "Method Not Allowed", method + " is not allowed on " + path);
            case 413 -> new Problem(413, "Request body too large", "a request body may hold at most " + BodyLimit.MAX_BYTES + " bytes");
            case 415 -> new Problem(415, "Unsupported media type", "send the body as application/json");
            default -> new Problem(status, status >= 500 ? "Internal error" : "HTTP " + status, null);
        };
    }

    private static final class ProblemOnError extends HttpServletResponseWrapper {

        private final HttpServletRequest request;

        ProblemOnError(HttpServletRequest request, HttpServletResponse response) {
            super(response);
            this.request = request;
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (isCommitted()) {
                super.sendError(status, message);
                return;
            }
            resetBuffer();
            problemFor(status, request.getMethod(), request.getRequestURI()).writeTo(this);
            flushBuffer();
        }
    }
}
