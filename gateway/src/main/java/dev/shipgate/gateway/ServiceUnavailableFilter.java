package dev.shipgate.gateway;

import dev.shipgate.support.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.UUID;

/**
 * Gives every request an id (kept from {@code X-Request-Id} when the caller sent a sane one, passed on to the
 * services and echoed back), and answers with a clear problem+json when the service behind a route is down.
 */
@Component
public class ServiceUnavailableFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = "X-Request-Id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || !requestId.matches("[A-Za-z0-9._-]{8,64}")) {
            requestId = UUID.randomUUID().toString();
        }
        response.setHeader(REQUEST_ID, requestId);
        try {
            chain.doFilter(new RequestIdRequest(request, requestId), response);
        } catch (Exception e) {
            if (!isUnreachable(e) || response.isCommitted()) {
                throw e;
            }
            ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "the service behind " + request.getRequestURI() + " is not reachable right now; try again shortly");
        }
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof HttpTimeoutException
                    || cause instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Adds the request id to the headers the route forwards. */
    static final class RequestIdRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String requestId;

        RequestIdRequest(HttpServletRequest request, String requestId) {
            super(request);
            this.requestId = requestId;
        }

        @Override
        public String getHeader(String name) {
            return REQUEST_ID.equalsIgnoreCase(name) ? requestId : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return REQUEST_ID.equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(requestId))
                    : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            java.util.List<String> names = java.util.Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(REQUEST_ID::equalsIgnoreCase)) {
                names.add(REQUEST_ID);
            }
            return java.util.Collections.enumeration(names);
        }
    }
}
