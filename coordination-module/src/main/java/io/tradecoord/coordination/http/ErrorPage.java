package io.tradecoord.coordination.http;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The error page for what the container answers before any filter or resource runs: its authentication refusing a
 * bearer token (401: bad signature, wrong issuer, expired) or its own authorization (403). {@link ErrorPages} covers
 * every later {@code sendError}. Declared in each module's web.xml as a servlet at {@code /error-page} and as the
 * {@code <error-page>} of 401 and 403; asked directly (not as an error dispatch), it answers 404.
 */
public class ErrorPage extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        int status = code instanceof Integer number ? number : 404;
        String path = uri instanceof String text ? text : request.getRequestURI();
        ErrorPages.problemFor(status, request.getMethod(), path).writeTo(response);
    }
}
